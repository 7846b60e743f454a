package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * {@link RecordingStore} knows nothing of expiry: the session layer expires its sessions from the last-seen time it
 * keeps in them.
 */
class IdleSessionExpiresInStoreThatKnowsNoExpiryTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class,
            "quarkus.nova-session.idle-timeout=1S", "quarkus.nova-session.touch-interval=400MS");

    @BeforeEach
    void clear() {
        RecordingStore.CALLS.clear();
        SessionEventLog.clear();
    }

    @Test
    void sessionIdleLongerThanTheTimeoutReadsEmptyIsDeletedAndTheVisitorGetsANewId() throws InterruptedException {
        String id = given().get("/set/user?value=alice").body().asString();
        String storeKey = SessionIds.storeKey(id);
        assertThat(given().cookie("session_id", id).get("/get/user").body().asString()).isEqualTo("alice");

        Thread.sleep(1_300);
        RecordingStore.CALLS.clear();
        Response afterIdle = given().cookie("session_id", id).get("/get/user");

        assertThat(afterIdle.body().asString()).isEqualTo("<none>");
        assertThat(RecordingStore.CALLS).contains("delete " + storeKey);
        String newId = afterIdle.cookie("session_id");
        assertThat(newId).isNotNull().isNotEqualTo(id).hasSize(54);
        assertThat(SessionEventLog.SYNC).containsExactly("created " + storeKey, "expired " + storeKey);
        // the old id stays dead: nothing of the old session comes back through it
        assertThat(given().cookie("session_id", id).get("/get/user").body().asString()).isEqualTo("<none>");
    }

    @Test
    void sessionInUseStaysAliveAndReadsWriteItsLastSeenTimeAtMostOncePerTouchInterval() throws InterruptedException {
        String id = given().get("/set/user?value=bob").body().asString();
        String storeKey = SessionIds.storeKey(id);
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() - start < 2_000) {
            // 2 s of use, twice the idle timeout, one request every 50 ms
            Response read = given().cookie("session_id", id).get("/get/user");
            assertThat(read.body().asString()).isEqualTo("bob");
            assertThat(read.headers().getValues("Set-Cookie")).isEmpty();
            Thread.sleep(50);
        }
        long elapsed = System.currentTimeMillis() - start;
        long touches = RecordingStore.CALLS.stream().filter(("set " + storeKey + " __nova_seen")::equals).count();
        long reads = RecordingStore.CALLS.stream().filter(("get " + storeKey + " user")::equals).count();
        // at least one refresh kept it alive past the idle timeout; at most one per 400 ms interval, far fewer than reads
        assertThat(touches).isBetween(1L, elapsed / 400 + 1);
        assertThat(reads).isGreaterThan(2 * touches);
        assertThat(SessionEventLog.SYNC).containsExactly("created " + storeKey);
    }
}
