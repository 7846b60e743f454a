package io.quarkiverse.novasession.test;

import static io.quarkiverse.novasession.test.WriteRecordingMemoryStore.write;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A request reads its session when the last-seen time is due for a refresh, then rotates the id: the refresh it owes
 * goes to the session under its new id, and nothing is written under the old one, which stays ended.
 */
class PendingTouchFollowsTheRotatedSessionNotItsOldIdTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onWriteRecordingStore(new Class<?>[0],
            "quarkus.nova-session.touch-interval=200MS");

    @Inject
    WriteRecordingMemoryStore store;

    @Test
    void touchOwedWhenTheRequestRotatesIsWrittenUnderTheNewIdOnly() throws InterruptedException {
        String oldId = given().get("/set/k?value=v").body().asString();
        String oldKey = SessionIds.storeKey(oldId);
        long created = store.lastSeen(oldKey);
        Thread.sleep(300);
        WriteRecordingMemoryStore.WRITES.clear();

        long before = System.currentTimeMillis();
        Response rotated = given().cookie("session_id", oldId).get("/get-then-rotate/k");

        assertThat(rotated.statusCode()).isEqualTo(200);
        String newId = rotated.body().asString();
        assertThat(newId).isNotEqualTo(oldId);
        String newKey = SessionIds.storeKey(newId);
        assertThat(WriteRecordingMemoryStore.WRITES).containsExactly("rename " + oldKey + " " + newKey,
                write(newKey, false, NovaSessionStore.LAST_SEEN_KEY));
        assertThat(store.lastSeen(newKey)).isGreaterThan(created).isGreaterThanOrEqualTo(before);
        assertThat(store.live(oldKey)).isFalse();
        assertThat(store.endMarked(oldKey)).isTrue();
        assertThat(given().cookie("session_id", newId).get("/get/k").body().asString()).isEqualTo("v");
    }
}
