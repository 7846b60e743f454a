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
    void onlyTheMemoryStoresCaffeineClassesAreRegisteredAndNoStoreClass() {
        // CDI hands the store over (no Class.forName); Caffeine finds its cache classes by reflection
        Set<String> reflective = NativeRegistrations.recorded(PREFIX, "reflective");
        assertThat(reflective).contains("com.github.benmanes.caffeine.cache.SSLMSA", "com.github.benmanes.caffeine.cache.PSAMS")
                .doesNotContain("io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore",
                        "io.quarkiverse.novasession.runtime.store.infinispan.InfinispanNovaSessionStore",
                        "io.quarkiverse.novasession.runtime.store.infinispan.ExpiryListener");
    }

    @Test
    void theSessionIdSignerIsInitialisedAtRunTimeSoItsSecureRandomIsNotInTheImage() {
        assertThat(NativeRegistrations.recorded(PREFIX, "runtime-initialized"))
                .contains("io.quarkiverse.novasession.runtime.SessionIdSigner");
    }
}
