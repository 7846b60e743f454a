package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A native build of an application whose store is its own class, chosen by class name.
 */
class NativeBuildOnCustomStoreTest {

    private static final String PREFIX = "nova-native-test.custom-store.";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.recordingNativeRegistrations(PREFIX,
            "quarkus.native.enabled=true\nquarkus.nova-session.manager=" + RecordingStore.class.getName(),
            RecordingStore.class, StoreNaming.class);

    @Test
    void noStoreIsRegisteredForReflectionSinceCdiHandsTheStoreOver() {
        assertThat(NativeRegistrations.recorded(PREFIX, "reflective")).doesNotContain(RecordingStore.class.getName())
                .noneMatch(name -> name.startsWith("io.quarkiverse.novasession.runtime.store."));
    }
}
