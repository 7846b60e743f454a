package io.quarkiverse.novasession.it.infinispan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.infinispan.commons.configuration.StringConfiguration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs only with {@code -Dinfinispan-cluster.selftest}: starts the real cluster through the test resource, checks
 * replication and survival of a SIGKILL, and leaves the cluster as it found it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfinispanClusterSelfTest {

    private static final String CACHE = "selftest-repl";

    @Test
    @Order(1)
    void hostsAndProjectRoot() {
        assertThat(InfinispanCluster.hosts()).isEqualTo("127.0.0.1:11222;127.0.0.1:11322");
        assertThat(InfinispanCluster.locate().script()).isRegularFile();
    }

    @Test
    @Order(2)
    void replicatesAndSurvivesTheCrashOfANode() {
        InfinispanClusterResource first = new InfinispanClusterResource();
        InfinispanClusterResource second = new InfinispanClusterResource();
        InfinispanCluster cluster = InfinispanClusterResource.cluster();
        Map<String, String> config = first.start();
        try {
            assertThat(config).containsEntry("quarkus.infinispan-client.hosts", "127.0.0.1:11222;127.0.0.1:11322")
                    .containsEntry("quarkus.infinispan-client.username", "admin")
                    .containsEntry("quarkus.infinispan-client.password", "password")
                    .containsEntry("quarkus.infinispan-client.devservices.enabled", "false");
            assertThat(cluster.isRunning(1)).isTrue();
            assertThat(cluster.isRunning(2)).isTrue();
            assertThat(cluster.isRunning(3)).isFalse();

            // a second user in the same JVM: nothing is started again
            var startedBefore = InfinispanClusterResource.nodesStartedByThisJvm();
            second.start();
            assertThat(InfinispanClusterResource.nodesStartedByThisJvm()).isEqualTo(startedBefore);
            assertThat(InfinispanClusterResource.users()).isEqualTo(2);
            second.stop();
            assertThat(cluster.isRunning(1)).isTrue();

            try (RemoteCacheManager node1 = client(1);
                    RemoteCacheManager node2 = client(2);
                    RemoteCacheManager both = client(1, 2)) {
                RemoteCache<String, String> via1 = node1.administration().getOrCreateCache(CACHE, new StringConfiguration(
                        "<replicated-cache name=\"" + CACHE + "\" mode=\"SYNC\">"
                                + "<encoding media-type=\"application/x-protostream\"/></replicated-cache>"));
                via1.put("k", "written via node 1");
                RemoteCache<String, String> via2 = node2.getCache(CACHE);
                assertThat(via2.get("k")).isEqualTo("written via node 1");

                cluster.kill(1);
                assertThat(cluster.isRunning(1)).isFalse();
                assertThat(via2.get("k")).isEqualTo("written via node 1");
                assertThat(both.<String, String> getCache(CACHE).get("k")).isEqualTo("written via node 1");
            }

            // the next start brings the killed node back
            second.start();
            assertThat(cluster.isRunning(1)).isTrue();
            // started by this JVM (then stopped at exit) or found running (then left running): unchanged
            assertThat(InfinispanClusterResource.nodesStartedByThisJvm()).isEqualTo(startedBefore);
            second.stop();
        } finally {
            first.stop();
        }
        assertThat(InfinispanClusterResource.users()).isZero();
        // the shutdown hook stops the nodes this JVM started
    }

    private static RemoteCacheManager client(int... nodes) {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        for (int node : nodes) {
            builder.addServer().host(InfinispanCluster.HOST).port(InfinispanCluster.hotRodPort(node));
        }
        builder.clientIntelligence(nodes.length == 1 ? ClientIntelligence.BASIC : ClientIntelligence.HASH_DISTRIBUTION_AWARE)
                .security().authentication().username(InfinispanCluster.USERNAME).password(InfinispanCluster.PASSWORD);
        return new RemoteCacheManager(builder.build());
    }
}
