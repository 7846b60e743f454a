package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * An ordinary (JVM) build of an application with session values, including one whose type is only known at run time:
 * reflection needs no registration there, so the build neither reads the application's bytecode for value types nor
 * warns about the run-time type.
 */
class JvmBuildLeavesSessionValueTypesAloneTest {

    private static final String PREFIX = "nova-native-test.jvm-build.";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps
            .recordingNativeRegistrations(PREFIX, "", SessionValueUses.class, RunTimeTypedSessionReader.class)
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.novasession")
                    && record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> assertThat(records).isEmpty());

    @Test
    void noValueTypeIsRegisteredAndNothingIsLoggedAboutTheRunTimeType() {
        // the same classes as in NativeBuildRegistersSessionValueTypesTest, where ReadRecord, Written... are registered
        assertThat(NativeRegistrations.recorded(PREFIX, "hierarchy"))
                .noneMatch(name -> name.startsWith("io.quarkiverse.novasession."));
    }
}
