package io.quarkiverse.novasession.it.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.NativeSourcesSuite;

/**
 * The demo's native sources on the memory store: nothing of Infinispan or Redis is in the image.
 */
class NativeSourcesIT extends NativeSourcesSuite {

    @Override
    protected String chosenStore() {
        return MEMORY_STORE;
    }

    @Override
    protected String otherStore() {
        return INFINISPAN_STORE;
    }

    @Test
    void noInfinispanJarOrClassIsInTheImage() throws IOException {
        assertThat(sources.libraries()).isNotEmpty().noneMatch(jar -> jar.contains("infinispan"));
        assertThat(reflection.keySet()).noneMatch(name -> name.startsWith(RUNTIME + "store.infinispan.")
                || name.startsWith("org.infinispan."));
    }

    @Test
    void theCaffeineCacheOfTheMemoryStoreIsRegistered() {
        // Caffeine instantiates the cache and node classes that fit the features asked for by reflection;
        // quarkus-caffeine registers them: a size-bounded, access-expiring cache with a removal listener
        assertThat(reflection.keySet()).anyMatch(name -> name.startsWith("com.github.benmanes.caffeine.cache.SSLMSA"))
                .anyMatch(name -> name.startsWith("com.github.benmanes.caffeine.cache.PSAMS"));
    }

    @Test
    void noRedisJarOrClassIsInTheImage() throws IOException {
        assertThat(sources.libraries()).isNotEmpty().noneMatch(jar -> jar.contains("redis"));
        assertThat(reflection.keySet()).noneMatch(name -> name.startsWith(RUNTIME + "store.redis.")
                || name.startsWith("io.vertx.redis.") || name.startsWith("io.quarkus.redis."));
    }
}
