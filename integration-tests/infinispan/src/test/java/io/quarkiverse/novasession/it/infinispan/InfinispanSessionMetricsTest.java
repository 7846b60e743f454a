package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.PrometheusScrape;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The session meters of the Infinispan store on {@code /q/metrics}, against the real two-node cluster: the store-call
 * timer counts each session operation once, whatever Hot Rod calls it takes, and the active gauge is the cluster's
 * entry count, sampled in the background.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
class InfinispanSessionMetricsTest {

    private static final String STORE = "infinispan";

    @Test
    void everySessionOperationIsOneTimedStoreCallWithItsOutcome() {
        PrometheusScrape before = PrometheusScrape.now();
        Response created = given().body("dave").post("/ops/set?key=user");
        created.then().statusCode(200);
        String id = created.cookie("session_id");
        assertThat(given().cookie("session_id", id).get("/ops/get?key=user").asString()).isEqualTo("dave");
        given().cookie("session_id", id).post("/ops/logout").then().statusCode(200);
        // the ended id again: the cluster keeps its end marker
        assertThat(given().cookie("session_id", id).get("/ops/get?key=user").asString()).isEmpty();

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(after.since(before, "nova_sessions_created_total", "store", STORE)).isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_ended_total", "store", STORE, "cause", "deleted")).isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_rejected_total", "store", STORE, "reason", "ended"))
                .isEqualTo(1);
        assertThat(calls(after, before, "writeValues", "success")).isEqualTo(1);
        assertThat(calls(after, before, "getValues", "success")).isEqualTo(1);
        assertThat(calls(after, before, "endSession", "success")).isEqualTo(1);
        assertThat(calls(after, before, "getValues", "ended")).isEqualTo(1);
        assertThat(after.value("nova_sessions_store_calls_seconds", "store", STORE, "operation", "writeValues",
                "outcome", "success", "quantile", "0.95")).isNotNull();
        // a network store: every call takes measurable time
        assertThat(after.since(before, "nova_sessions_store_calls_seconds_sum", "store", STORE, "operation",
                "writeValues", "outcome", "success")).isPositive();
    }

    @Test
    void activeGaugeFollowsTheClustersEntryCount() throws InterruptedException {
        long entries = clusterEntries();
        awaitGauge(entries);
        String id = given().body("erin").post("/ops/set?key=user").cookie("session_id");
        awaitGauge(entries + 1);
        // a logout leaves an end marker in place of the session: still one entry
        given().cookie("session_id", id).post("/ops/logout").then().statusCode(200);
        assertThat(clusterEntries()).isEqualTo(entries + 1);
    }

    /**
     * The gauge is sampled at most every 5 s, and never on a scrape's thread: it reaches the cluster's count within
     * two sampling intervals.
     */
    private static void awaitGauge(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Double seen = null;
        while (System.nanoTime() < deadline) {
            seen = PrometheusScrape.now().value("nova_sessions_active", "store", STORE);
            if (seen != null && seen == expected) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("nova_sessions_active{store=\"infinispan\"} was " + seen + ", not " + expected
                + " (the cluster's entry count) within 15 s");
    }

    private static long clusterEntries() {
        return Long.parseLong(given().get("/inspect/store-size").then().statusCode(200).extract().asString());
    }

    private static double calls(PrometheusScrape after, PrometheusScrape before, String operation, String outcome) {
        return after.since(before, "nova_sessions_store_calls_seconds_count", "store", STORE, "operation", operation,
                "outcome", outcome);
    }
}
