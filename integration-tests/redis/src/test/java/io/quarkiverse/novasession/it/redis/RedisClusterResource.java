package io.quarkiverse.novasession.it.redis;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Redis Cluster of {@code redis-server/redis.sh} (3 masters, 3 replicas), started unless it runs and is healthy,
 * and the application's client in cluster mode, configured the Quarkus way. Stopped by PID when the JVM exits, if this
 * JVM started it.
 */
public class RedisClusterResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        RedisServers.startCluster();
        return Map.of("quarkus.redis.client-type", "cluster",
                "quarkus.redis.hosts", RedisServers.clusterHosts(),
                "quarkus.redis.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // stopped when the JVM exits
    }
}
