package io.quarkiverse.novasession.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkiverse.novasession.it.AppInstance;
import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.restassured.response.Response;

/**
 * Two instances of the packaged demo on a real Redis Cluster of 3 masters with one replica each, configured the
 * Quarkus way ({@code quarkus.redis.client-type=cluster}, {@code quarkus.redis.hosts} listing the nodes): every key of
 * a session in one slot, sessions shared, rotated and ended across instances, and the master of a session's slot
 * killed with -9 while its visitor keeps using it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

    private static AppInstance a;
    private static AppInstance b;

    @BeforeAll
    static void startClusterAndInstances() {
        RedisServers.startCluster();
        String[] settings = { "-Dtest-support.store-inspection.enabled=true", "-Dquarkus.redis.client-type=cluster",
                "-Dquarkus.redis.hosts=" + RedisServers.clusterHosts() };
        CompletableFuture<AppInstance> startingA = CompletableFuture.supplyAsync(() -> TwoInstancesIT.start(8491,
                settings));
        CompletableFuture<AppInstance> startingB = CompletableFuture.supplyAsync(() -> TwoInstancesIT.start(8492,
                settings));
        a = startingA.join();
        b = startingB.join();
    }

    @AfterAll
    static void stopInstancesAndCluster() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        RedisServers.stop(RedisServers.CLUSTER_PORTS);
    }

    @Test
    @Order(1)
    void everyKeyOfASessionHashesToOneSlotAndSessionsSpreadOverTheMasters() {
        List<Integer> masters = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Visitor visitor = new Visitor().via(a.baseUri());
            assertThat(visitor.putJson("/values?key=k&type=int", String.valueOf(i)).statusCode()).isEqualTo(204);
            String storeKey = SessionIds.storeKey(visitor.sessionId());
            int slot = slot("nova:{" + storeKey + "}:s");
            assertThat(slot("nova:{" + storeKey + "}:x")).isEqualTo(slot);
            assertThat(slot("nova:{" + storeKey + "}:m")).isEqualTo(slot);
            int master = masterOf(slot);
            assertThat(RedisServers.cli(master, "HGET", "nova:{" + storeKey + "}:s", "k")).isEqualTo(String.valueOf(i));
            masters.add(master);
        }
        // 30 sessions: all three masters hold some
        assertThat(masters).containsAll(List.of(masters.get(0))).hasSize(30);
        assertThat(masters.stream().distinct().count()).isEqualTo(3);
    }

    @Test
    @Order(1)
    void sessionsAreSharedRotatedAndEndedAcrossInstancesOnTheCluster() {
        Visitor visitor = new Visitor().via(a.baseUri());
        visitor.putJson("/values?key=before&type=string", "\"kept\"");
        String before = visitor.sessionId();
        // a login rotates the id: the old and the new id hash to different slots, most often on different masters
        assertThat(visitor.via(b.baseUri()).postForm("/login", "user", "ivan").statusCode()).isEqualTo(200);
        assertThat(visitor.sessionId()).isNotEqualTo(before);
        assertThat(visitor.via(a.baseUri()).get("/whoami").body().asString()).isEqualTo("ivan");
        assertThat(visitor.get("/values?key=before&type=string").body().asString()).isEqualTo("\"kept\"");
        Visitor replay = new Visitor().withSessionId(before).via(b.baseUri());
        assertThat(replay.get("/values?key=before&type=string").statusCode()).isEqualTo(404);

        String id = visitor.sessionId();
        assertThat(visitor.via(b.baseUri()).post("/logout").statusCode()).isEqualTo(200);
        Visitor loggedOut = new Visitor().withSessionId(id).via(a.baseUri());
        assertThat(loggedOut.get("/whoami").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void killingTheMasterOfASessionsSlotLosesNoReplicatedDataAndServiceResumesAfterFailOver() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        visitor.postForm("/login", "user", "judy");
        visitor.postJson("/cart/items", "{\"sku\":\"tea\",\"quantity\":2}");
        int expected = Integer.parseInt(visitor.get("/counter").body().asString());
        String storeKey = SessionIds.storeKey(visitor.sessionId());
        int slot = slot("nova:{" + storeKey + "}:s");
        int master = masterOf(slot);
        int replica = replicaOf(master);
        awaitReplicated(master);

        long lastSuccess = System.nanoTime();
        long longestGapMillis = 0;
        int failures = 0;
        int failuresInAll = 0;
        boolean killed = false;
        long killedAt = 0;
        long firstSuccessAfterKill = -1;
        long end = System.nanoTime() + 25_000_000_000L;
        while (System.nanoTime() < end) {
            if (!killed && expected >= 5) {
                awaitReplicated(master);
                RedisServers.kill(master);
                killed = true;
                killedAt = System.nanoTime();
            }
            Response response = visitor.via(expected % 2 == 0 ? a.baseUri() : b.baseUri()).get("/counter");
            long now = System.nanoTime();
            if (response.statusCode() == 200) {
                int counted = Integer.parseInt(response.body().asString());
                // a request that failed after its write reached the master may have counted once more
                assertThat(counted).isBetween(expected + 1, expected + 1 + failures);
                expected = counted;
                failures = 0;
                longestGapMillis = Math.max(longestGapMillis, (now - lastSuccess) / 1_000_000);
                lastSuccess = now;
                if (killed && firstSuccessAfterKill < 0) {
                    firstSuccessAfterKill = (now - killedAt) / 1_000_000;
                }
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                failures++;
                failuresInAll++;
            }
            Thread.sleep(50);
        }
        TwoInstancesIT.report("cluster: kill -9 of master " + master + " (slot " + slot + ", replica " + replica
                + ") during reads and writes of its session: first success " + firstSuccessAfterKill
                + " ms after the kill, longest gap between successful requests " + longestGapMillis + " ms, "
                + failuresInAll + " requests answered 503; final counter " + expected);
        assertThat(killed).isTrue();
        assertThat(firstSuccessAfterKill).isPositive();
        assertThat(longestGapMillis).isLessThan(15_000);
        // the replica took over the slot, with the session's data
        assertThat(masterOf(slot)).isEqualTo(replica);
        assertThat(visitor.via(b.baseUri()).get("/whoami").body().asString()).isEqualTo("judy");
        assertThat(visitor.get("/cart").body().asString()).isEqualTo("{\"items\":[{\"sku\":\"tea\",\"quantity\":2}]}");
        assertThat(visitor.via(a.baseUri()).get("/counter").body().asString()).isEqualTo(String.valueOf(expected + 1));
        // the killed node comes back as a replica of the new master
        RedisServers.restart(master);
    }

    private static int slot(String key) {
        return Integer.parseInt(RedisServers.cli(RedisServers.CLUSTER_PORTS[1], "CLUSTER", "KEYSLOT", key));
    }

    /** The port of the master that serves {@code slot}, as a running node sees the cluster. */
    private static int masterOf(int slot) {
        for (String line : clusterNodes()) {
            String[] fields = line.split(" ");
            if (!fields[2].contains("master") || fields[2].contains("fail") || fields.length < 9) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return port(fields[1]);
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    private static int replicaOf(int masterPort) {
        String masterId = null;
        List<String> nodes = clusterNodes();
        for (String line : nodes) {
            String[] fields = line.split(" ");
            if (port(fields[1]) == masterPort) {
                masterId = fields[0];
            }
        }
        for (String line : nodes) {
            String[] fields = line.split(" ");
            if (fields[3].equals(masterId) && !fields[2].contains("fail")) {
                return port(fields[1]);
            }
        }
        throw new IllegalStateException("no replica of " + masterPort);
    }

    /** Waits until the master's replica has received everything the master holds. */
    private static void awaitReplicated(int masterPort) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String info = RedisServers.cli(masterPort, "INFO", "replication");
            String offset = value(info, "master_repl_offset:");
            if (offset != null && info.contains("offset=" + offset + ",")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the replica of " + masterPort + " did not catch up");
    }

    private static String value(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).trim();
            }
        }
        return null;
    }

    private static List<String> clusterNodes() {
        for (int port : RedisServers.CLUSTER_PORTS) {
            if (RedisServers.isRunning(port)) {
                return List.of(RedisServers.cli(port, "CLUSTER", "NODES").split("\r?\n"));
            }
        }
        throw new IllegalStateException("no cluster node runs");
    }

    private static int port(String address) {
        // 127.0.0.1:7301@17301
        String hostPort = address.split("@")[0];
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
