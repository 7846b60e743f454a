package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.test.SessionValueUses.ArrayElement;
import io.quarkiverse.novasession.test.SessionValueUses.ChoiceA;
import io.quarkiverse.novasession.test.SessionValueUses.ChoiceB;
import io.quarkiverse.novasession.test.SessionValueUses.Line;
import io.quarkiverse.novasession.test.SessionValueUses.NeverInSession;
import io.quarkiverse.novasession.test.SessionValueUses.NotAValue;
import io.quarkiverse.novasession.test.SessionValueUses.ReactiveValue;
import io.quarkiverse.novasession.test.SessionValueUses.ReadRecord;
import io.quarkiverse.novasession.test.SessionValueUses.SessionUser;
import io.quarkiverse.novasession.test.SessionValueUses.TableValue;
import io.quarkiverse.novasession.test.SessionValueUses.TypeTable;
import io.quarkiverse.novasession.test.SessionValueUses.Written;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A native build of an application that keeps records and POJOs in its session ({@link SessionValueUses}): Jackson
 * needs them registered for reflection, and the extension finds them in the application's bytecode.
 */
class NativeBuildRegistersSessionValueTypesTest {

    private static final String PREFIX = "nova-native-test.value-types.";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.recordingNativeRegistrations(PREFIX, "quarkus.native.enabled=true",
            SessionValueUses.class);

    @Test
    void classLiteralsGivenToGetAreRegisteredAlsoThroughALocalAConditionalAndAnArrayType() {
        assertThat(hierarchies()).contains(ReadRecord.class.getName(), ReactiveValue.class.getName(),
                ChoiceA.class.getName(), ChoiceB.class.getName(), ArrayElement.class.getName());
    }

    @Test
    void registeredTypesGetConstructorsMethodsAndFieldsAndSoDoTheTypesOfTheirComponents() {
        // Line only appears as List<Line> in ReadRecord: found by following the record's components
        assertThat(NativeRegistrations.recorded(PREFIX, "reflective-full")).contains(ReadRecord.class.getName(),
                Line.class.getName(), ReactiveValue.class.getName(), Written.class.getName());
        assertThat(hierarchies()).doesNotContain(Line.class.getName());
    }

    @Test
    void theDeclaredTypeOfAValueGivenToSetIsRegistered() {
        assertThat(hierarchies()).contains(Written.class.getName());
    }

    @Test
    void aGetWhoseTypeComesFromATableRegistersTheClassLiteralsOfItsClass() {
        assertThat(hierarchies()).contains(TableValue.class.getName());
    }

    @Test
    void otherClassLiteralsJdkTypesAndTheCallingClassesAreNotRegistered() {
        assertThat(hierarchies()).doesNotContain(NotAValue.class.getName(), NeverInSession.class.getName(),
                SessionUser.class.getName(), TypeTable.class.getName(), "java.lang.String", "java.lang.Integer");
        assertThat(NativeRegistrations.recorded(PREFIX, "reflective")).doesNotContain(NotAValue.class.getName());
    }

    private static Set<String> hierarchies() {
        return NativeRegistrations.recorded(PREFIX, "hierarchy");
    }
}
