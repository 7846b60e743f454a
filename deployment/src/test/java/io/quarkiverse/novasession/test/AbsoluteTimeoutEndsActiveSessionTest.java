package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIdSigner;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class AbsoluteTimeoutEndsActiveSessionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routesWithEvents("quarkus.nova-session.absolute-timeout=1500MS",
            "quarkus.nova-session.touch-interval=100MS");

    @BeforeEach
    void clear() {
        SessionEventLog.clear();
    }

    @Test
    void sessionInConstantUseEndsAtTheAbsoluteTimeoutAndRotationDoesNotExtendIt() throws InterruptedException {
        String id = given().get("/set/user?value=carol").body().asString();
        // the session's start, as signed into its id
        long start = SessionIdSigner.sessionStart(id);
        assertThat(start).isBetween(System.currentTimeMillis() - 5_000, System.currentTimeMillis());
        String storeKey = SessionIds.storeKey(id);
        Thread.sleep(300);
        Response rotated = given().cookie("session_id", id).get("/rotate");
        String rotatedId = rotated.body().asString();
        String rotatedKey = SessionIds.storeKey(rotatedId);
        assertThat(rotatedId).isNotEqualTo(id);

        Response last = null;
        while (System.currentTimeMillis() - start < 1_400) {
            last = given().cookie("session_id", rotatedId).get("/get/user");
            assertThat(last.body().asString()).isEqualTo("carol");
            Thread.sleep(100);
        }
        Thread.sleep(Math.max(0, start + 1_700 - System.currentTimeMillis()));
        Response afterTimeout = given().cookie("session_id", rotatedId).get("/get/user");

        assertThat(afterTimeout.body().asString()).isEqualTo("<none>");
        assertThat(afterTimeout.cookie("session_id")).isNotNull().isNotEqualTo(rotatedId);
        // the expired session's data is deleted (in the background: the event says it was found and deleted)
        SessionEventLog.await("expired " + rotatedKey, Duration.ofSeconds(5));
        assertThat(SessionEventLog.SYNC).contains("destroyed " + storeKey + " ROTATED");
        assertThat(given().cookie("session_id", rotatedId).get("/get/user").body().asString()).isEqualTo("<none>");
    }
}
