package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A native build of an application on the default memory store.
 */
class NativeBuildOnMemoryStoreTest {

    private static final String PREFIX = "nova-native-test.memory-store.";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.recordingNativeRegistrations(PREFIX, "quarkus.native.enabled=true",
            SessionRoutes.class);

    @Test
    void theMemoryStoreIsRegisteredForReflectionAndTheInfinispanStoreIsNot() {
        // the session filter looks the store up with Class.forName(its name)
        Set<String> reflective = NativeRegistrations.recorded(PREFIX, "reflective");
        assertThat(reflective).contains("io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore")
                .doesNotContain("io.quarkiverse.novasession.runtime.store.infinispan.InfinispanNovaSessionStore");
    }

    @Test
    void theSessionIdSignerIsInitialisedAtRunTimeSoItsSecureRandomIsNotInTheImage() {
        assertThat(NativeRegistrations.recorded(PREFIX, "runtime-initialized"))
                .contains("io.quarkiverse.novasession.runtime.SessionIdSigner");
    }
}
