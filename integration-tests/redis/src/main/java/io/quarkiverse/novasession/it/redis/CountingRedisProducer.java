package io.quarkiverse.novasession.it.redis;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Replaces the application's default Mutiny Redis client with one that counts its round trips and sends them through
 * the very client Quarkus configured ({@code quarkus.redis.*}). The session store looks its client up as a bean, so it
 * gets this one; {@code /inspect/redis-calls} reports the counts.
 */
@Singleton
public class CountingRedisProducer {

    private final RedisCalls calls = new RedisCalls();

    @Produces
    @Singleton
    RedisCalls calls() {
        return calls;
    }

    // the store looks its client up programmatically, which no build step sees: kept although nothing injects it
    @Produces
    @Singleton
    @Unremovable
    @Default
    @Alternative
    @Priority(1)
    Redis countingClient(io.vertx.redis.client.Redis configured) {
        return new RedisCalls.CountingRedis(configured, calls);
    }
}
