package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.common.mapper.TypeRef;
import io.restassured.response.Response;

/**
 * The cluster's own expiry drops a session nobody comes back for, and every instance hears of it through its Hot Rod
 * client listener. A cache of its own, so that its short expiration interval does not reach the other tests' cache.
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
}
