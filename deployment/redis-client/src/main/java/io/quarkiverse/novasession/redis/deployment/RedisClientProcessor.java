package io.quarkiverse.novasession.redis.deployment;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;

/**
 * Asks the Redis extension for the client the session store uses. The extension creates a client, the default one
 * included, only when a build step or an injection point asks for it, and the store looks its client up at run time,
 * so without this a client that nothing else injects would not exist.
 * <p>
 * In its own extension, a conditional dependency of quarkus-nova-session enabled by quarkus-redis-client: this class
 * references the Redis client's build items, which other applications do not have.
 */
class RedisClientProcessor {

    private static final String REDIS_MANAGER = "redis";
    /** {@code io.quarkus.redis.runtime.client.config.RedisConfig.DEFAULT_CLIENT_NAME}. */
    private static final String DEFAULT_CLIENT_NAME = "<default>";

    @BuildStep
    RequestedRedisClientBuildItem sessionClient(NovaSessionBuildTimeConfig config) {
        if (!REDIS_MANAGER.equals(config.manager().trim())) {
            return null;
        }
        return new RequestedRedisClientBuildItem(config.redis().clientName().orElse(DEFAULT_CLIENT_NAME));
    }
}
