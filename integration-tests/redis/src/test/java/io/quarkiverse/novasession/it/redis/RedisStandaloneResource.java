package io.quarkiverse.novasession.it.redis;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The standalone Redis server of {@code redis-server/redis.sh}, started unless it runs, for every test application of
 * this JVM: it stays up between test classes and is stopped by PID when the JVM exits, if this JVM started it.
 */
public class RedisStandaloneResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        RedisServers.startStandalone();
        return Map.of("quarkus.redis.hosts", RedisServers.standaloneHosts(),
                "quarkus.redis.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // shared by the test classes of this JVM: stopped when it exits
    }
}
