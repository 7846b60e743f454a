package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A native build of an application that reads a session value with a type only known at run time
 * ({@link RunTimeTypedSessionReader}): nothing can be registered for it, so the build says where, and what to do.
 */
class NativeBuildWarnsOfSessionValueTypeKnownOnlyAtRunTimeTest {

    private static final String PREFIX = "nova-native-test.run-time-type.";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps
            .recordingNativeRegistrations(PREFIX, "quarkus.native.enabled=true", RunTimeTypedSessionReader.class)
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.novasession")
                    && record.getLevel().intValue() >= Level.WARNING.intValue())
            // one warning, naming the call and the escape hatch
            .assertLogRecords(records -> assertThat(records).singleElement()
                    .satisfies(record -> assertThat(record.getMessage())
                            .contains(RunTimeTypedSessionReader.class.getName() + "#read")
                            .contains("only known at run time")
                            .contains("@io.quarkus.runtime.annotations.RegisterForReflection")));

    @Test
    void noValueTypeIsRegisteredAndTheBuildWarnsOnceNamingTheCallAndTheEscapeHatch() {
        assertThat(NativeRegistrations.recorded(PREFIX, "hierarchy"))
                .noneMatch(name -> name.startsWith("io.quarkiverse.novasession."));
    }
}
