package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The extension's default answers to its own errors, whatever kind of endpoint let them propagate: a breached limit is
 * 413 with a short text naming it, a write to a session that ended is 409, an unreachable store is 503 with
 * {@code Retry-After}; never a 500, never a stack trace.
 */
class DefaultStatusesFromEveryKindOfEndpointTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.failurePropagatingEndpoints();

    private String liveSession;

    @BeforeEach
    void liveSession() {
        FailingStore.mode = FailingStore.Mode.WORKING;
        liveSession = given().get("/set/before?value=kept").body().asString();
        assertThat(given().cookie("session_id", liveSession).get("/get/before").body().asString()).isEqualTo("kept");
    }

    @AfterEach
    void storeWorksAgain() {
        FailingStore.mode = FailingStore.Mode.WORKING;
    }

    @ParameterizedTest
    @ValueSource(strings = { "/fail/rest", "/fail/rest-uni", "/fail/route", "/fail/vertx" })
    void valueOverMaxValueSizeIs413NamingTheLimit(String path) {
        Response response = given().cookie("session_id", liveSession).get(path + "?value=" + "x".repeat(15));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body().asString()).contains("max-value-size=16");
        assertNoStackTrace(response);
        assertThat(given().cookie("session_id", liveSession).get("/get/k").body().asString()).isEqualTo("<none>");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/fail/rest", "/fail/rest-uni", "/fail/route", "/fail/vertx" })
    void writeToASessionTheStoreHasEndedIs409(String path) {
        FailingStore.mode = FailingStore.Mode.SESSION_ENDED_ON_WRITE;
        Response response = given().cookie("session_id", liveSession).get(path + "?value=late");
        assertThat(response.statusCode()).isEqualTo(409);
        assertNoStackTrace(response);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/fail/rest", "/fail/rest-uni", "/fail/route", "/fail/vertx" })
    void unreachableStoreIs503WithRetryAfter(String path) {
        FailingStore.mode = FailingStore.Mode.UNREACHABLE;
        Response response = given().cookie("session_id", liveSession).get(path + "?value=v");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertNoStackTrace(response);
    }

    private static void assertNoStackTrace(Response response) {
        assertThat(response.body().asString()).doesNotContain("\tat ").doesNotContain(".java:");
    }
}
