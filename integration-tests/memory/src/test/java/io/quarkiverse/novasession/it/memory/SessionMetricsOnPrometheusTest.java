package io.quarkiverse.novasession.it.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.PrometheusScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The session meters on {@code /q/metrics}, in Prometheus format, after a known sequence of requests: each counter
 * and each store-call timer moved by exactly what those requests did. Other test classes share the application, so
 * every assertion is on the difference between two scrapes.
 */
@QuarkusTest
class SessionMetricsOnPrometheusTest {

    private static final String MEMORY = "memory";
    /** Well-formed (54 base64url characters, no stray bits) but not signed by this application. */
    private static final String FORGED_ID = "A".repeat(54);

    @Test
    void aKnownSequenceOfRequestsMovesEveryMeterByExactlyWhatItDid() {
        PrometheusScrape before = PrometheusScrape.now();

        // an API client keeps the first cookie it got
        Response created = given().body("alice").post("/ops/set?key=user");
        created.then().statusCode(200);
        String id = created.cookie("session_id");
        PrometheusScrape afterCreation = PrometheusScrape.now();
        assertThat(afterCreation.since(before, "nova_sessions_active", "store", MEMORY)).isEqualTo(1);

        assertThat(given().cookie("session_id", id).get("/ops/get?key=user").asString()).isEqualTo("alice");
        Response rotated = given().cookie("session_id", id).post("/ops/rotate");
        rotated.then().statusCode(200);
        String rotatedId = rotated.cookie("session_id");
        assertThat(rotatedId).isNotEqualTo(id);
        // the old id, once more: its session was rotated away
        assertThat(given().cookie("session_id", id).get("/ops/get?key=user").asString()).isEmpty();
        given().cookie("session_id", rotatedId).post("/ops/logout").then().statusCode(200);
        assertThat(given().cookie("session_id", FORGED_ID).get("/ops/get?key=user").asString()).isEmpty();
        given().body("x".repeat(70_000)).post("/ops/set?key=big").then().statusCode(413);

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(after.since(before, "nova_sessions_created_total", "store", MEMORY)).isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_ended_total", "store", MEMORY, "cause", "rotated"))
                .isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_ended_total", "store", MEMORY, "cause", "deleted"))
                .isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_ended_total", "store", MEMORY, "cause", "expired")).isZero();
        assertThat(after.since(before, "nova_sessions_ended_total", "store", MEMORY, "cause", "evicted")).isZero();
        assertThat(after.since(before, "nova_sessions_rejected_total", "store", MEMORY, "reason", "forged"))
                .isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_rejected_total", "store", MEMORY, "reason", "ended"))
                .isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_rejected_total", "store", MEMORY, "reason", "limit"))
                .isEqualTo(1);
        assertThat(after.since(before, "nova_sessions_rejected_total", "store", MEMORY, "reason", "expired"))
                .isZero();
        // rotated, then deleted: no session of this sequence is left
        assertThat(after.since(before, "nova_sessions_active", "store", MEMORY)).isZero();

        // the first write; the read and the read before rotating; the rename; the old id's read; the logout
        assertThat(calls(after, before, "writeValues", "success")).isEqualTo(1);
        assertThat(calls(after, before, "getValues", "success")).isEqualTo(2);
        assertThat(calls(after, before, "renameSession", "success")).isEqualTo(1);
        assertThat(calls(after, before, "getValues", "ended")).isEqualTo(1);
        assertThat(calls(after, before, "endSession", "success")).isEqualTo(1);
        assertThat(after.value("nova_sessions_store_calls_seconds", "store", MEMORY, "operation", "getValues",
                "outcome", "success", "quantile", "0.99")).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(after.since(before, "nova_sessions_store_calls_seconds_sum", "store", MEMORY, "operation",
                "getValues", "outcome", "success")).isPositive();
    }

    @Test
    void noMeterCarriesAnIdOrAStoreKey() {
        Response created = given().body("bob").post("/ops/set?key=user");
        String id = created.cookie("session_id");
        String storeKey = given().cookie("session_id", id).get("/ops/store-key").asString();
        String metrics = PrometheusScrape.now().text();
        assertThat(storeKey).hasSize(43);
        assertThat(metrics).contains("nova_sessions_created_total").doesNotContain(id).doesNotContain(storeKey);
        given().cookie("session_id", id).post("/ops/logout").then().statusCode(200);
    }

    private static double calls(PrometheusScrape after, PrometheusScrape before, String operation, String outcome) {
        return after.since(before, "nova_sessions_store_calls_seconds_count", "store", MEMORY, "operation", operation,
                "outcome", outcome);
    }
}
