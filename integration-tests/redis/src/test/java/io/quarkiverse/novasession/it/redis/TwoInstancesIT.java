package io.quarkiverse.novasession.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkiverse.novasession.it.AppInstance;
import io.quarkiverse.novasession.it.Visitor;
import io.restassured.response.Response;

/**
 * Two instances of the packaged demo (separate JVMs, ports 8391 and 8392, no id-keys) on one standalone Redis: one
 * session served by both, concurrent writers, races of a slow write against a logout or a rotation through the other
 * instance, logouts of free ids, Redis killed with -9 and started again, Redis frozen. The last two disturb the
 * server, so they run last and leave it running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIT {

    private static final Path REPORT = Path.of("target", "two-instances.txt");
    private static final int REDIS = RedisServers.STANDALONE_PORT;

    private static AppInstance a;
    private static AppInstance b;

    @BeforeAll
    static void startRedisAndInstances() throws Exception {
        RedisServers.startStandalone();
        // one scenario writes 200 keys to one session: above the default max-keys of 100. No id-keys: the two
        // instances agree on a signing key through Redis. Both start at the same moment, so that they race for it.
        RedisServers.cli(REDIS, "DEL", "nova:id-key");
        String[] settings = { "-Dquarkus.nova-session.max-keys=256", "-Dtest-support.store-inspection.enabled=true",
                "-Dquarkus.redis.hosts=" + RedisServers.standaloneHosts() };
        CompletableFuture<AppInstance> startingA = CompletableFuture.supplyAsync(() -> start(8391, settings));
        CompletableFuture<AppInstance> startingB = CompletableFuture.supplyAsync(() -> start(8392, settings));
        a = startingA.join();
        b = startingB.join();
        Files.deleteIfExists(REPORT);
    }

    static AppInstance start(int port, String... settings) {
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
    static void stopInstances() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    @Order(1)
    void sessionCreatedThroughAIsReadChangedAndLoggedOutThroughBAndAKnowsAtOnce() {
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
        String generated = "Session id signing key generated";
        int generatedLogs = 0;
        for (AppInstance instance : List.of(a, b)) {
            String log = instance.log();
            assertThat(log.indexOf(generated)).isEqualTo(log.lastIndexOf(generated));
            generatedLogs += log.contains(generated) ? 1 : 0;
        }
        // the key was deleted before both started: exactly one of them generated it
        assertThat(generatedLogs).isEqualTo(1);
        report("no id-keys: a session opened through each instance read through the other; " + generatedLogs
                + " instance logged generating the key");
    }

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
    void fiveHundredLogoutsOfFreeIdsLeaveTheKeyCountUnchanged() {
        int before = storeSize();
        int ok = 0;
        for (int i = 0; i < 500; i++) {
            Visitor visitor = new Visitor().via((i % 2 == 0 ? a : b).baseUri());
            assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
            assertThat(visitor.sessionId()).isNotNull();
            ok += visitor.post("/logout").statusCode() == 200 ? 1 : 0;
        }
        int after = storeSize();
        report("500 logouts of free ids: " + ok + " answered 200; keys under nova: " + before + " before, " + after
                + " after");
        assertThat(ok).isEqualTo(500);
        assertThat(after).isEqualTo(before);
    }

    @Test
    @Order(2)
    void twoHundredConcurrentWritesOfDistinctKeysThroughBothInstancesAllSurvive() throws Exception {
        Visitor owner = new Visitor().via(a.baseUri());
        owner.putJson("/values?key=start&type=int", "0");
        String id = owner.sessionId();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
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
        long millis = (System.nanoTime() - start) / 1_000_000;
        Visitor reader = new Visitor().withSessionId(id).via(b.baseUri());
        int present = 0;
        for (int i = 0; i < 200; i++) {
            Response read = reader.get("/values?key=k" + i + "&type=int");
            if (read.statusCode() == 200 && read.body().asString().equals(String.valueOf(i))) {
                present++;
            }
        }
        report("200 concurrent writes of distinct keys to one session through both instances (16 threads, " + millis
                + " ms): " + present + " of 200 present afterwards");
        assertThat(present).isEqualTo(200);
    }

    @Test
    @Order(3)
    void redisKilledAnswers503InBoundedTimeAndRecoversWithoutRestart() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        visitor.get("/counter");
        RedisServers.kill(REDIS);
        try {
            long start = System.nanoTime();
            Response touched = visitor.get("/counter");
            long touchedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(touched.statusCode()).isEqualTo(503);
            assertThat(touched.body().asString()).isEqualTo("Session store unavailable, try again shortly");
            // store-timeout=3S, plus request overhead
            assertThat(touchedMillis).isLessThan(5_000);
            Response throughB = new Visitor().withSessionId(visitor.sessionId()).via(b.baseUri()).get("/counter");
            assertThat(throughB.statusCode()).isEqualTo(503);
            Response untouched = visitor.get("/hello");
            assertThat(untouched.statusCode()).isEqualTo(200);
            report("Redis killed (-9): touched request answered " + touched.statusCode() + " in " + touchedMillis
                    + " ms; untouched request " + untouched.statusCode());
        } finally {
            RedisServers.restart(REDIS);
        }
        long start = System.nanoTime();
        long deadline = start + 60_000_000_000L;
        boolean recovered = false;
        while (System.nanoTime() < deadline && !recovered) {
            recovered = new Visitor().via(a.baseUri()).get("/counter").statusCode() == 200
                    && new Visitor().via(b.baseUri()).get("/counter").statusCode() == 200;
            if (!recovered) {
                Thread.sleep(100);
            }
        }
        report("Redis restarted: both instances served sessions again after " + (System.nanoTime() - start) / 1_000_000
                + " ms, without a restart of theirs");
        assertThat(recovered).isTrue();

        // the restarted server (no persistence) lost the shared id key: the running instances put theirs back, so an
        // instance starting now signs with it too instead of generating one the others do not know
        long keptBack = System.nanoTime() + 10_000_000_000L;
        while (RedisServers.cli(REDIS, "EXISTS", "nova:id-key").equals("0") && System.nanoTime() < keptBack) {
            Thread.sleep(100);
        }
        try (AppInstance c = AppInstance.start(8393, "-Dtest-support.store-inspection.enabled=true",
                "-Dquarkus.redis.hosts=" + RedisServers.standaloneHosts())) {
            Visitor throughC = new Visitor().via(c.baseUri());
            assertThat(throughC.postForm("/login", "user", "grace").statusCode()).isEqualTo(200);
            assertThat(throughC.via(a.baseUri()).get("/whoami").body().asString()).isEqualTo("grace");
            Visitor throughA = new Visitor().via(a.baseUri());
            assertThat(throughA.postForm("/login", "user", "heidi").statusCode()).isEqualTo(200);
            assertThat(throughA.via(c.baseUri()).get("/whoami").body().asString()).isEqualTo("heidi");
            assertThat(c.log()).doesNotContain("Session id signing key generated");
        }
        report("an instance started after the Redis restart shares sessions with the running ones");
    }

    @Test
    @Order(4)
    void frozenRedisAnswers503AfterTheStoreTimeoutAndRecoversWhenItThaws() throws Exception {
        Visitor visitor = new Visitor().via(a.baseUri());
        assertThat(visitor.get("/counter").statusCode()).isEqualTo(200);
        String pid = RedisServers.pid(REDIS);
        signal("-STOP", pid);
        try {
            long start = System.nanoTime();
            Response touched = visitor.get("/counter");
            long touchedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(touched.statusCode()).isEqualTo(503);
            // connections stay open but nothing answers: the configured store-timeout (3 s) bounds the wait
            assertThat(touchedMillis).isBetween(2_500L, 6_000L);
            assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
            report("Redis frozen (SIGSTOP): touched request answered 503 in " + touchedMillis + " ms");
        } finally {
            signal("-CONT", pid);
        }
        long start = System.nanoTime();
        long deadline = start + 60_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = visitor.get("/counter").statusCode();
            if (status != 200) {
                Thread.sleep(100);
            }
        }
        report("Redis thawed: sessions served again after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(status).isEqualTo(200);
    }

    private static void signal(String signal, String pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", signal, pid).inheritIO().start().waitFor()).as("kill " + signal).isZero();
    }

    private static int storeSize() {
        return Integer.parseInt(new Visitor().via(a.baseUri()).get("/inspect/store-size").body().asString());
    }

    static void report(String line) {
        System.out.println("[two-instances] " + line);
        try {
            Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
