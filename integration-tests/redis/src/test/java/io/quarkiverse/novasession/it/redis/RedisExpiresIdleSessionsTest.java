package io.quarkiverse.novasession.it.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.common.mapper.TypeRef;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

/**
 * Redis' own expiry drops a session nobody comes back for, and the instance hears of it through keyspace
 * notifications (the test server runs with {@code notify-keyspace-events Ex}); Redis drops the end marker of an ended
 * session and what a rotation set aside too, and that is no session expiring. A prefix of its own, so that the short
 * idle timeout does not reach the other tests' keys.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisStandaloneResource.class, restrictToAnnotatedClass = true)
@TestProfile(RedisExpiresIdleSessionsTest.ShortIdleTimeout.class)
class RedisExpiresIdleSessionsTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.nova-session.idle-timeout", "2S",
                    "quarkus.nova-session.touch-interval", "200MS",
                    "quarkus.nova-session.redis.key-prefix", "nova-short-idle:");
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    NovaSessionStore store;

    @Test
    void idleSessionIsExpiredByRedisReportedToTheInstanceAndItsVisitorGetsANewSession() throws InterruptedException {
        Visitor visitor = new Visitor();
        assertThat(visitor.postForm("/login", "user", "erin").statusCode()).isEqualTo(200);
        String id = visitor.sessionId();
        String storeKey = SessionIds.storeKey(id);
        assertThat(visitor.get("/whoami").body().asString()).isEqualTo("erin");

        long start = System.currentTimeMillis();
        long deadline = start + 15_000;
        while (!events().contains("expired " + storeKey) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(events()).contains("expired " + storeKey);
        System.out.println("[redis-expiry] NovaSessionExpired heard " + (System.currentTimeMillis() - start)
                + " ms after the last request (idle-timeout 2 s)");
        assertThat(RedisServers.cli(RedisServers.STANDALONE_PORT, "EXISTS", "nova-short-idle:{" + storeKey + "}:s"))
                .isEqualTo("0");

        Response back = visitor.get("/whoami");
        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(visitor.sessionId()).isNotNull().isNotEqualTo(id);
    }

    @Test
    void endMarkersAndRotatedAwaySessionsExpireWithoutAnExpiryEvent() throws InterruptedException {
        String idle = storeKey();
        String ended = storeKey();
        String renamed = storeKey();
        String renamedTo = storeKey();
        await(store.writeValues(idle, Map.of("a", "1"), true));
        await(store.writeValues(ended, Map.of("a", "1"), true));
        await(store.writeValues(renamed, Map.of("a", "1"), true));
        assertThat(await(store.endSession(ended))).isTrue();
        assertThat(await(store.renameSession(renamed, renamedTo))).isTrue();

        long deadline = System.currentTimeMillis() + 15_000;
        while ((!events().contains("expired " + idle) || !events().contains("expired " + renamedTo)
                || !RedisServers.cli(RedisServers.STANDALONE_PORT, "EXISTS", "nova-short-idle:{" + ended + "}:x",
                        "nova-short-idle:{" + renamed + "}:x").equals("0"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(events()).contains("expired " + idle, "expired " + renamedTo);
        Thread.sleep(500);
        assertThat(events()).doesNotContain("expired " + ended, "expired " + renamed);
    }

    @Test
    void expiryObserversRunOnWorkerThreadsNotOnTheClientsEventLoop() throws InterruptedException {
        String idle = storeKey();
        await(store.writeValues(idle, Map.of("a", "1"), true));
        long deadline = System.currentTimeMillis() + 15_000;
        while (!events().contains("expired " + idle) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(events()).contains("expired " + idle);
        Set<String> threads = given().get("/inspect/session-events/threads")
                .as(new TypeRef<Map<String, Set<String>>>() {
                }).get("expired");
        assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("executor-thread-"), "a worker thread");
    }

    /**
     * Redis killed and started again (empty): the listener's connection dropped with it, and the instance subscribes
     * again on its own, so a session written after the restart is reported when it expires.
     */
    @Test
    void expiryEventsResumeAfterRedisIsKilledAndStartedAgain() throws InterruptedException {
        RedisServers.kill(RedisServers.STANDALONE_PORT);
        RedisServers.restart(RedisServers.STANDALONE_PORT);
        // the listener tries again every 2 s: past that, what expires is heard
        Thread.sleep(5_000);
        String idle = storeKey();
        long deadline = System.currentTimeMillis() + 15_000;
        boolean written = false;
        while (!written && System.currentTimeMillis() < deadline) {
            try {
                await(store.writeValues(idle, Map.of("a", "1"), true));
                written = true;
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(written).isTrue();
        long start = System.currentTimeMillis();
        while (!events().contains("expired " + idle) && System.currentTimeMillis() < start + 15_000) {
            Thread.sleep(100);
        }
        assertThat(events()).contains("expired " + idle);
        System.out.println("[redis-expiry] after a restart of Redis, the expiry of a session written then was heard "
                + (System.currentTimeMillis() - start) + " ms after its write (idle-timeout 2 s)");
    }

    private static List<String> events() {
        return given().get("/inspect/session-events").as(new TypeRef<List<String>>() {
        });
    }

    private static String storeKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(20));
    }
}
