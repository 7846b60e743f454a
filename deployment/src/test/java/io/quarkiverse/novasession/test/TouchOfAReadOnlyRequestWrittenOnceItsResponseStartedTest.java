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
 * A request that only reads its session when the last-seen time is due for a refresh: no write of the request can
 * carry the refresh, so it is written alone once the response started, and only then. The store here completes at
 * once, so it is written by the time the response arrives.
 */
class TouchOfAReadOnlyRequestWrittenOnceItsResponseStartedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onWriteRecordingStore(new Class<?>[0],
            "quarkus.nova-session.touch-interval=2S");

    @Inject
    WriteRecordingMemoryStore store;

    @Test
    void readDueForATouchWritesTheLastSeenTimeAloneAndOnlyOnce() throws InterruptedException {
        String id = given().get("/set/k?value=v").body().asString();
        String storeKey = SessionIds.storeKey(id);
        long created = store.lastSeen(storeKey);
        Thread.sleep(2_100);
        WriteRecordingMemoryStore.WRITES.clear();

        long before = System.currentTimeMillis();
        Response read = given().cookie("session_id", id).get("/get/k");

        assertThat(read.body().asString()).isEqualTo("v");
        assertThat(read.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(WriteRecordingMemoryStore.WRITES).containsExactly(write(storeKey, false, NovaSessionStore.LAST_SEEN_KEY));
        assertThat(store.lastSeen(storeKey)).isGreaterThan(created).isGreaterThanOrEqualTo(before);

        // refreshed: the next read within the interval (2 s, long for a busy machine) writes nothing
        WriteRecordingMemoryStore.WRITES.clear();
        assertThat(given().cookie("session_id", id).get("/get/k").body().asString()).isEqualTo("v");
        assertThat(WriteRecordingMemoryStore.WRITES).isEmpty();
    }
}
