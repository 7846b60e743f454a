package io.quarkiverse.novasession.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkiverse.novasession.it.AppInstance;
import io.quarkiverse.novasession.it.AuthSuite;
import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanCluster;
import io.restassured.response.Response;

/**
 * Two instances of the packaged demo (separate JVMs, ports 8291 and 8292, no id-keys) on one two-node Infinispan
 * cluster: one session served by both, concurrent writers, races of a slow write against a logout or a rotation
 * through the other instance, logouts of free ids, a crashed node, and the whole cluster gone and back. The last two
 * disturb the cluster, so they run last and leave it as they found it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScenariosIT {

    private static final Path REPORT = Path.of("target", "cluster-scenarios.txt");

    private static InfinispanCluster cluster;
    private static boolean clusterStartedHere;
    private static AppInstance a;
    private static AppInstance b;

    @BeforeAll
    static void startClusterAndInstances() throws Exception {
        cluster = InfinispanCluster.locate();
        cluster.fetch();
        clusterStartedHere = !cluster.isRunning(1) || !cluster.isRunning(2);
        cluster.start(1, 2);
        // one scenario writes 200 keys to one session: above the default max-keys of 100. No id-keys: the two
        // instances agree on a signing key through the cluster. Both start at the same moment, so that they race for it.
        String[] settings = { "-Dquarkus.nova-session.max-keys=256", "-Dtest-support.store-inspection.enabled=true",
                "-Dquarkus.nova-session.auth.max-sessions-per-principal=3" };
        CompletableFuture<AppInstance> startingA = CompletableFuture.supplyAsync(() -> start(8291, settings));
        CompletableFuture<AppInstance> startingB = CompletableFuture.supplyAsync(() -> start(8292, settings));
        a = startingA.join();
        b = startingB.join();
        Files.deleteIfExists(REPORT);
    }

    private static AppInstance start(int port, String... settings) {
        try {
            return AppInstance.start(port, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopEverything() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (cluster != null && clusterStartedHere) {
            cluster.stop(1, 2);
        }
    }

    @Test
    @Order(1)
    void sessionCreatedThroughAIsReadChangedAndDeletedThroughB() {
        Visitor visitor = new Visitor().via(a.baseUri());
        visitor.postForm("/login", "user", "alice");
        visitor.postJson("/cart/items", "{\"sku\":\"tea\",\"quantity\":2}");

        visitor.via(b.baseUri());
        assertThat(visitor.get("/whoami").body().asString()).isEqualTo("alice");
        visitor.postJson("/cart/items", "{\"sku\":\"cake\",\"quantity\":1}");

        visitor.via(a.baseUri());
        assertThat(visitor.get("/cart").body().asString())
                .isEqualTo("{\"items\":[{\"sku\":\"tea\",\"quantity\":2},{\"sku\":\"cake\",\"quantity\":1}]}");
        String id = visitor.sessionId();

        visitor.via(b.baseUri()).post("/logout");
        Visitor replay = new Visitor().withSessionId(id).via(a.baseUri());
        assertThat(replay.get("/whoami").statusCode()).isEqualTo(401);
        assertThat(replay.get("/cart").body().asString()).isEqualTo("{\"items\":[]}");
    }

    @Test
    @Order(1)
    void twoInstancesWithNoIdKeysShareSessions() throws IOException {
        Visitor visitor = new Visitor().via(a.baseUri());
        assertThat(visitor.postForm("/login", "user", "carol").statusCode()).isEqualTo(200);
        assertThat(visitor.via(b.baseUri()).get("/whoami").body().asString()).isEqualTo("carol");
        Visitor other = new Visitor().via(b.baseUri());
        assertThat(other.postForm("/login", "user", "dave").statusCode()).isEqualTo(200);
        assertThat(other.via(a.baseUri()).get("/whoami").body().asString()).isEqualTo("dave");
        // at most one instance generated the key (none if an earlier run left it in the cluster), and says so once
        String generated = "Session id signing key generated";
        int generatedLogs = 0;
        for (AppInstance instance : List.of(a, b)) {
            String log = instance.log();
            assertThat(log.indexOf(generated)).isEqualTo(log.lastIndexOf(generated));
            generatedLogs += log.contains(generated) ? 1 : 0;
        }
        assertThat(generatedLogs).isLessThanOrEqualTo(1);
        report("no id-keys: a session opened through each instance read through the other; " + generatedLogs
                + " instance(s) logged generating the key");
    }

    /**
     * A request that read the session before a logout through the other instance, and writes after it: the write is
     * refused (409) and the logged-out id holds nothing afterwards.
     */
    @Test
    @Order(1)
    void slowWriteRacingDeleteThroughTheOtherInstanceIsRefusedAndLeavesNothing() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        assertThat(visitor.postForm("/login", "user", "erin").statusCode()).isEqualTo(200);
        String id = visitor.sessionId();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> new Visitor().withSessionId(id)
                .via(a.baseUri()).request().contentType("text/plain").body("late")
                .put("/slow/values?key=late&delayMs=1500"));
        Thread.sleep(500);
        assertThat(new Visitor().withSessionId(id).via(b.baseUri()).post("/logout").statusCode()).isEqualTo(200);
        Response write = slow.get(30, TimeUnit.SECONDS);
        assertThat(write.statusCode()).isEqualTo(409);

        for (AppInstance instance : List.of(a, b)) {
            Visitor replay = new Visitor().withSessionId(id).via(instance.baseUri());
            assertThat(replay.get("/values?key=late&type=string").statusCode()).isEqualTo(404);
            assertThat(replay.get("/whoami").statusCode()).isEqualTo(401);
            assertThat(replay.sessionId()).isNotEqualTo(id);
        }
        report("slow write racing delete() across instances: write answered " + write.statusCode()
                + ", the logged-out id held nothing afterwards");
    }

    /**
     * The same race against a rotation (a new login through the other instance): the slow write aimed at the old id
     * is refused, and the rotated session holds what it held before, without the refused write.
     */
    @Test
    @Order(1)
    void slowWriteRacingRotateThroughTheOtherInstanceIsRefused() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        assertThat(visitor.postForm("/login", "user", "frank").statusCode()).isEqualTo(200);
        String id = visitor.sessionId();
        CompletableFuture<Response> slow = CompletableFuture.supplyAsync(() -> new Visitor().withSessionId(id)
                .via(a.baseUri()).request().contentType("text/plain").body("late")
                .put("/slow/values?key=late&delayMs=1500"));
        Thread.sleep(500);
        assertThat(visitor.via(b.baseUri()).postForm("/login", "user", "frank").statusCode()).isEqualTo(200);
        assertThat(visitor.sessionId()).isNotEqualTo(id);
        Response write = slow.get(30, TimeUnit.SECONDS);
        assertThat(write.statusCode()).isEqualTo(409);

        assertThat(visitor.via(a.baseUri()).get("/whoami").body().asString()).isEqualTo("frank");
        assertThat(visitor.get("/values?key=late&type=string").statusCode()).isEqualTo(404);
        Visitor replay = new Visitor().withSessionId(id).via(b.baseUri());
        assertThat(replay.get("/values?key=late&type=string").statusCode()).isEqualTo(404);
        report("slow write racing rotate() across instances: write answered " + write.statusCode());
    }

    @Test
    @Order(1)
    void aThousandLogoutsOfFreeIdsLeaveTheClustersEntryCountUnchanged() throws Exception {
        int before = storeSize();
        int ok = 0;
        for (int i = 0; i < 1_000; i++) {
            AppInstance instance = i % 2 == 0 ? a : b;
            Visitor visitor = new Visitor().via(instance.baseUri());
            // an id this application issued, under which nothing was ever stored
            assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
            assertThat(visitor.sessionId()).isNotNull();
            ok += visitor.post("/logout").statusCode() == 200 ? 1 : 0;
        }
        int after = storeSize();
        report("1,000 logouts of free ids: " + ok + " answered 200; cache entries " + before + " before, " + after
                + " after");
        assertThat(ok).isEqualTo(1_000);
        assertThat(after).isEqualTo(before);
    }

    private static int storeSize() {
        return Integer.parseInt(new Visitor().via(a.baseUri()).get("/inspect/store-size").body().asString());
    }

    @Test
    @Order(2)
    void twoHundredConcurrentWritesOfDistinctKeysThroughBothInstancesAllSurvive() throws Exception {
        Visitor owner = new Visitor().via(a.baseUri());
        owner.putJson("/values?key=start&type=int", "0");
        String id = owner.sessionId();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                String target = n % 2 == 0 ? a.baseUri() : b.baseUri();
                writes.add(pool.submit(() -> new Visitor().withSessionId(id).via(target)
                        .putJson("/values?key=k" + n + "&type=int", String.valueOf(n)).statusCode()));
            }
            for (Future<Integer> write : writes) {
                assertThat(write.get()).isEqualTo(204);
            }
        } finally {
            pool.shutdown();
        }
        Visitor reader = new Visitor().withSessionId(id).via(b.baseUri());
        int present = 0;
        for (int i = 0; i < 200; i++) {
            Response read = reader.get("/values?key=k" + i + "&type=int");
            if (read.statusCode() == 200 && read.body().asString().equals(String.valueOf(i))) {
                present++;
            }
        }
        assertThat(present).isEqualTo(200);
    }

    @Test
    @Order(3)
    void killingOneNodeLosesNoSessionAndServiceResumesWithinSeconds() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        int expected = Integer.parseInt(visitor.get("/counter").body().asString());
        long lastSuccess = System.nanoTime();
        long longestGapMillis = 0;
        int failures = 0;
        boolean killed = false;
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            if (!killed && expected >= 5) {
                cluster.kill(1);
                killed = true;
            }
            Response response = visitor.via(expected % 2 == 0 ? a.baseUri() : b.baseUri()).get("/counter");
            long now = System.nanoTime();
            if (response.statusCode() == 200) {
                int counted = Integer.parseInt(response.body().asString());
                // a request that failed after its write reached the cluster may have counted once more
                assertThat(counted).isBetween(expected + 1, expected + 1 + failures);
                expected = counted;
                failures = 0;
                longestGapMillis = Math.max(longestGapMillis, (now - lastSuccess) / 1_000_000);
                lastSuccess = now;
            } else {
                assertThat(response.statusCode()).isEqualTo(503);
                failures++;
            }
            Thread.sleep(50);
        }
        report("kill -9 of node 1 during reads and writes: longest gap between successful requests "
                + longestGapMillis + " ms; final counter " + expected);
        assertThat(killed).isTrue();
        assertThat(longestGapMillis).isLessThan(10_000);
        assertThat(new Visitor().withSessionId(visitor.sessionId()).via(b.baseUri()).get("/counter").body().asString())
                .isEqualTo(String.valueOf(expected + 1));
        cluster.start(1);
    }

    @Test
    @Order(4)
    void wholeClusterDownAnswers503InBoundedTimeAndRecoversWithoutRestart() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        visitor.get("/counter");
        cluster.stop(1, 2);
        try {
            long start = System.nanoTime();
            Response touched = visitor.get("/counter");
            long touchedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(touched.statusCode()).isEqualTo(503);
            assertThat(touched.body().asString()).isEqualTo("Session store unavailable, try again shortly");
            // configured quarkus.nova-session.store-timeout=3S, plus request overhead
            assertThat(touchedMillis).isLessThan(5_000);

            Response untouched = visitor.get("/hello");
            assertThat(untouched.statusCode()).isEqualTo(200);
            report("cluster down: touched request answered " + touched.statusCode() + " in " + touchedMillis
                    + " ms; untouched request " + untouched.statusCode());
        } finally {
            cluster.start(1, 2);
        }
        AtomicBoolean recovered = new AtomicBoolean();
        long start = System.nanoTime();
        long deadline = start + 60_000_000_000L;
        while (System.nanoTime() < deadline && !recovered.get()) {
            if (new Visitor().via(a.baseUri()).get("/counter").statusCode() == 200
                    && new Visitor().via(b.baseUri()).get("/counter").statusCode() == 200) {
                recovered.set(true);
            } else {
                Thread.sleep(250);
            }
        }
        report("cluster restarted: both instances served sessions again after "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(recovered).isTrue();

        // the restarted cluster lost the shared id key: the running instances put theirs back, so an instance starting
        // now signs with it too, instead of generating one the others do not know
        try (AppInstance c = AppInstance.start(8293, "-Dtest-support.store-inspection.enabled=true")) {
            Visitor throughC = new Visitor().via(c.baseUri());
            assertThat(throughC.postForm("/login", "user", "grace").statusCode()).isEqualTo(200);
            assertThat(throughC.via(a.baseUri()).get("/whoami").body().asString()).isEqualTo("grace");
            Visitor throughA = new Visitor().via(a.baseUri());
            assertThat(throughA.postForm("/login", "user", "heidi").statusCode()).isEqualTo(200);
            assertThat(throughA.via(c.baseUri()).get("/whoami").body().asString()).isEqualTo("heidi");
            assertThat(c.log()).doesNotContain("Session id signing key generated");
        }
        report("an instance started after the cluster restart shares sessions with the running ones");
    }

    @Test
    @Order(5)
    void frozenClusterAnswers503AfterTheStoreTimeoutAndRecoversWhenItThaws() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        visitor.get("/counter");
        signalNodes("-STOP");
        try {
            long start = System.nanoTime();
            Response touched = visitor.get("/counter");
            long touchedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(touched.statusCode()).isEqualTo(503);
            // connections stay open but nothing answers: the configured store-timeout (3 s) bounds the wait
            assertThat(touchedMillis).isBetween(2_500L, 6_000L);
            assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
            report("cluster frozen (SIGSTOP): touched request answered 503 in " + touchedMillis + " ms");
        } finally {
            signalNodes("-CONT");
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = visitor.get("/counter").statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertThat(status).isEqualTo(200);
    }

    /**
     * Sends a signal to both Infinispan nodes, by the PIDs the cluster script recorded.
     */
    private static void signalNodes(String signal) throws IOException, InterruptedException {
        for (int node = 1; node <= 2; node++) {
            Path pidFile = cluster.projectRoot()
                    .resolve("integration-tests/infinispan-server/target/ispn/node" + node + ".pid");
            String pid = Files.readString(pidFile).trim();
            int rc = new ProcessBuilder("kill", signal, pid).inheritIO().start().waitFor();
            assertThat(rc).as("kill " + signal + " " + pid).isZero();
        }
    }

    private static void report(String line) throws IOException {
        System.out.println("[cluster-scenarios] " + line);
        Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    @Order(1)
    void aLoginThroughAIsLoggedOutThroughBAndItsCopiedCookieIsAnonymousOnBoth() {
        Visitor alice = new Visitor().via(a.baseUri());
        Response login = AuthSuite.formLogin(alice, "alice", "alice");
        assertThat(login.statusCode()).isEqualTo(302);
        Visitor copy = new Visitor().withSessionId(alice.sessionId());
        assertThat(copy.via(b.baseUri()).get("/account").body().asString()).isEqualTo("Hello alice, roles [user]");
        assertThat(alice.via(b.baseUri()).post("/account/logout").statusCode()).isEqualTo(200);
        assertThat(copy.via(a.baseUri()).get("/account").statusCode()).isEqualTo(401);
        assertThat(copy.via(b.baseUri()).get("/account").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(1)
    void logoutEverywhereThroughOneInstanceEndsTheSessionsOfTheOther() {
        Visitor first = new Visitor().via(a.baseUri());
        AuthSuite.formLogin(first, "bob", "bob");
        // earlier scenarios may have left bob logged in: start from none
        first.post("/account/logout-everywhere");
        Visitor onA = new Visitor().via(a.baseUri());
        AuthSuite.formLogin(onA, "bob", "bob");
        Visitor onB = new Visitor().via(b.baseUri());
        AuthSuite.formLogin(onB, "bob", "bob");
        String listed = onA.get("/account/sessions").body().asString();
        assertThat(listed.split("\"storeKey\"")).hasSize(3);
        assertThat(onA.post("/account/logout-everywhere").body().asString()).isEqualTo("2");
        assertThat(onB.get("/account").statusCode()).isEqualTo(401);
        assertThat(onB.via(a.baseUri()).get("/account").statusCode()).isEqualTo(401);
        assertThat(onA.via(b.baseUri()).get("/account").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(1)
    void twentySimultaneousLoginsOfOnePrincipalThroughTwoInstancesLeaveExactlyTheLimit() throws Exception {
        List<Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            visitors.add(new Visitor().via(i % 2 == 0 ? a.baseUri() : b.baseUri()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> logins = new ArrayList<>();
        for (Visitor visitor : visitors) {
            logins.add(pool.submit(() -> {
                go.await();
                return AuthSuite.formLogin(visitor, "alice", "alice").statusCode();
            }));
        }
        go.countDown();
        for (Future<Integer> login : logins) {
            assertThat(login.get(30, TimeUnit.SECONDS)).isEqualTo(302);
        }
        pool.shutdown();
        int loggedIn = 0;
        for (Visitor visitor : visitors) {
            if (visitor.get("/account").statusCode() == 200) {
                loggedIn++;
            }
        }
        assertThat(loggedIn).isEqualTo(3);
        Visitor survivor = visitors.stream().filter(v -> v.get("/account").statusCode() == 200).findFirst()
                .orElseThrow();
        assertThat(survivor.get("/account/sessions").body().asString().split("\"storeKey\"")).hasSize(4);
    }
}
