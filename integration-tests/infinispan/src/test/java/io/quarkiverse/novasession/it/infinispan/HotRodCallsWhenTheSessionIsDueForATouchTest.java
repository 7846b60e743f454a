package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.it.CallCounts;
import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.common.mapper.TypeRef;

/**
 * Counts the Hot Rod calls of requests whose session is due for a refresh of its last-seen time (a touch interval of
 * one second here): the refresh never costs a call of its own before the response. Requests run one at a time, so the
 * difference of the counters before and after a request is that request's cost.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
@TestProfile(HotRodCallsWhenTheSessionIsDueForATouchTest.ShortTouchInterval.class)
class HotRodCallsWhenTheSessionIsDueForATouchTest {

    private static final long TOUCH_INTERVAL_MILLIS = 1_000;

    public static class ShortTouchInterval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.nova-session.touch-interval", TOUCH_INTERVAL_MILLIS + "MS",
                    "quarkus.nova-session.idle-timeout", "10M");
        }
    }

    @Inject
    NovaSessionStore store;

    @Test
    void readThenWriteDueForATouchIsOneReadAndOneConditionalWriteCarryingTheTouch() throws InterruptedException {
        Visitor visitor = new Visitor();
        assertThat(visitor.get("/counter").body().asString()).isEqualTo("1");
        String storeKey = SessionIds.storeKey(visitor.sessionId());
        long created = lastSeen(storeKey);
        Thread.sleep(TOUCH_INTERVAL_MILLIS + 100);

        long before = System.currentTimeMillis();
        Map<String, Long> callsBefore = calls();
        assertThat(visitor.get("/counter").body().asString()).isEqualTo("2");

        assertThat(madeSince(callsBefore)).isEqualTo(Map.of("GET_WITH_METADATA", 1L, "REPLACE_WITH_VERSION", 1L));
        assertThat(lastSeen(storeKey)).isGreaterThan(created).isGreaterThanOrEqualTo(before);
    }

    @Test
    void readOnlyRequestDueForATouchIsOneReadThenOneConditionalWriteInTheBackground() throws InterruptedException {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=k&type=int", "1").statusCode()).isEqualTo(204);
        String storeKey = SessionIds.storeKey(visitor.sessionId());
        long created = lastSeen(storeKey);
        Thread.sleep(TOUCH_INTERVAL_MILLIS + 100);

        long before = System.currentTimeMillis();
        Map<String, Long> callsBefore = calls();
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("1");

        // the response does not wait for the touch: it may still be on its way
        Map<String, Long> made = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!made.containsKey("REPLACE_WITH_VERSION") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            made = madeSince(callsBefore);
        }
        assertThat(made).isEqualTo(Map.of("GET_WITH_METADATA", 1L, "REPLACE_WITH_VERSION", 1L));
        assertThat(lastSeen(storeKey)).isGreaterThan(created).isGreaterThanOrEqualTo(before);
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("1");
    }

    /**
     * Reads the store directly: a Hot Rod call of its own, so only outside a counted request.
     */
    private long lastSeen(String storeKey) {
        return store.getValue(storeKey, NovaSessionStore.LAST_SEEN_KEY).await().atMost(Duration.ofSeconds(10))
                .map(Long::parseLong).orElseThrow();
    }

    private static Map<String, Long> calls() {
        return given().get("/inspect/hotrod-calls").as(new TypeRef<Map<String, Long>>() {
        });
    }

    /**
     * @return the calls of each kind made since {@code before}, leaving out the kinds not made
     */
    private static Map<String, Long> madeSince(Map<String, Long> before) {
        return CallCounts.since(before, calls());
    }
}
