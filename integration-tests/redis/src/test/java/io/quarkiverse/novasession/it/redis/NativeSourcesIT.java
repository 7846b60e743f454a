package io.quarkiverse.novasession.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.NativeSourcesSuite;

/**
 * The demo's native sources on the Redis store: the Vert.x Redis client and the store's configuration, and nothing of
 * the Infinispan store or client. Needs no Redis server.
 */
class NativeSourcesIT extends NativeSourcesSuite {

    private static final String REDIS_STORE = RUNTIME + "store.redis.RedisNovaSessionStore";

    @Override
    protected String chosenStore() {
        return REDIS_STORE;
    }

    @Override
    protected String otherStore() {
        return INFINISPAN_STORE;
    }

    @Test
    void redisClientIsInTheImageAndNoInfinispanClientIs() throws IOException {
        assertThat(sources.libraries()).anyMatch(jar -> jar.startsWith("io.vertx.vertx-redis-client-"))
                .anyMatch(jar -> jar.startsWith("io.quarkus.quarkus-redis-client-"))
                .noneMatch(jar -> jar.contains("infinispan"));
    }

    @Test
    void redisStoreConfigurationIsRegistered() {
        assertThat(reflection).containsKeys(RUNTIME + "NovaSessionConfig$RedisStoreConfig$$CMImpl",
                RUNTIME + "NovaSessionBuildTimeConfig$RedisBuildTimeConfig$$CMImpl");
    }
}
