package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.common.mapper.TypeRef;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;

/**
 * The cluster's own expiry drops a session nobody comes back for, and every instance hears of it through its Hot Rod
 * client listener; it drops the end marker of an ended session too, and that is no session expiring. A cache of its
 * own, so that its short expiration interval does not reach the other tests' cache.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
@TestProfile(ClusterExpiresIdleSessionsTest.ShortIdleTimeout.class)
class ClusterExpiresIdleSessionsTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.nova-session.idle-timeout", "2S",
                    "quarkus.nova-session.touch-interval", "200MS",
                    "quarkus.nova-session.infinispan.expiration-interval", "500MS",
                    "quarkus.nova-session.infinispan.cache-name", "nova-sessions-short-idle");
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    NovaSessionStore store;
    @Inject
    RemoteCacheManager cacheManager;

    @Test
    void idleSessionIsExpiredByTheClusterReportedToTheInstanceAndItsVisitorGetsANewSession()
            throws InterruptedException {
        Visitor visitor = new Visitor();
        assertThat(visitor.postForm("/login", "user", "erin").statusCode()).isEqualTo(200);
        String id = visitor.sessionId();
        String storeKey = SessionIds.storeKey(id);
        assertThat(visitor.get("/whoami").body().asString()).isEqualTo("erin");

        // nobody comes back: within idle-timeout plus the reaper interval, the cluster drops the entry and tells us
        long deadline = System.currentTimeMillis() + 15_000;
        while (!events().contains("expired " + storeKey) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(events()).contains("expired " + storeKey);

        Response back = visitor.get("/whoami");
        assertThat(back.statusCode()).isEqualTo(401);
        assertThat(visitor.sessionId()).isNotNull().isNotEqualTo(id);
    }

    private static List<String> events() {
        return given().get("/inspect/session-events").as(new TypeRef<List<String>>() {
        });
    }

    @Test
    void theEndMarkerOfAnEndedSessionExpiresWithoutAnExpiryEvent() throws InterruptedException {
        String idle = storeKey();
        String ended = storeKey();
        await(store.writeValues(idle, Map.of("a", "1"), true));
        await(store.writeValues(ended, Map.of("a", "1"), true));
        assertThat(await(store.endSession(ended))).isTrue();
        RemoteCache<String, String> cache = cacheManager.getCache("nova-sessions-short-idle");
        assertThat(cache.get(ended)).isEqualTo("deleted");

        // the marker lives idle-timeout (2 s), then the cluster drops it as it drops the idle session
        long deadline = System.currentTimeMillis() + 15_000;
        while ((!events().contains("expired " + idle) || cache.containsKey(ended))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(events()).contains("expired " + idle);
        assertThat(cache.containsKey(ended)).isFalse();
        // the idle session's event came through: the marker's, had it been reported, would have by now too
        Thread.sleep(1_000);
        assertThat(events()).doesNotContain("expired " + ended);
    }

    @Test
    void expiryObserversRunOnWorkerThreadsNotOnTheHotRodClientsThreads() throws InterruptedException {
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
        // the Quarkus worker pool, where an observer may block
        assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("executor-thread-"), "a worker thread");
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
