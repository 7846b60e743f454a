package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.QuarkusUnitTest;

class LifecycleEventsFiredTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routesWithEvents();

    @Test
    void firstWriteFiresCreatedRotationDestroysTheOldKeyAndDeleteDestroysTheSession() throws InterruptedException {
        SessionEventLog.clear();
        String id = given().get("/set/a?value=1").body().asString();
        String key = SessionIds.storeKey(id);
        assertThat(given().cookie("session_id", id).get("/store-key").body().asString()).isEqualTo(key);
        given().cookie("session_id", id).get("/set/b?value=2");
        String rotated = given().cookie("session_id", id).get("/rotate").body().asString();
        String rotatedKey = SessionIds.storeKey(rotated);
        given().cookie("session_id", rotated).get("/delete-session");
        // a visitor who never writes creates nothing
        given().get("/get/a");

        assertThat(SessionEventLog.SYNC).containsExactly("created " + key, "destroyed " + key + " ROTATED",
                "destroyed " + rotatedKey + " DELETED");
        SessionEventLog.awaitAsync(3, Duration.ofSeconds(5));
        assertThat(SessionEventLog.ASYNC).containsExactlyInAnyOrderElementsOf(SessionEventLog.SYNC);
    }
}
