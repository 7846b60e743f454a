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
 * A request that reads its session when the last-seen time is due for a refresh, then writes to it: the refresh rides
 * on the write, one store write for both, instead of a write of its own before the application's.
 */
class TouchRidesOnTheRequestsWriteTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onWriteRecordingStore(new Class<?>[0],
            "quarkus.nova-session.touch-interval=200MS");

    @Inject
    WriteRecordingMemoryStore store;

    @Test
    void readThenWriteDueForATouchIsOneWriteOfTheValueAndTheLastSeenTime() throws InterruptedException {
        String id = given().get("/set/k?value=1").body().asString();
        String storeKey = SessionIds.storeKey(id);
        long created = store.lastSeen(storeKey);
        Thread.sleep(300);
        WriteRecordingMemoryStore.WRITES.clear();

        long before = System.currentTimeMillis();
        Response response = given().cookie("session_id", id).get("/get-then-set/k?value=2");

        assertThat(response.body().asString()).isEqualTo("1");
        assertThat(WriteRecordingMemoryStore.WRITES)
                .containsExactly(write(storeKey, false, "k", NovaSessionStore.LAST_SEEN_KEY));
        assertThat(store.lastSeen(storeKey)).isGreaterThan(created).isGreaterThanOrEqualTo(before);
        assertThat(given().cookie("session_id", id).get("/get/k").body().asString()).isEqualTo("2");
    }

    @Test
    void parallelWritesDueForATouchCarryItOnlyOnce() throws InterruptedException {
        String id = given().get("/set/k?value=1").body().asString();
        String storeKey = SessionIds.storeKey(id);
        Thread.sleep(300);
        WriteRecordingMemoryStore.WRITES.clear();

        assertThat(given().cookie("session_id", id).get("/set-both?a=1&b=2").body().asString()).isEqualTo(id);

        assertThat(WriteRecordingMemoryStore.WRITES).hasSize(2).containsAnyOf(
                write(storeKey, false, "a", NovaSessionStore.LAST_SEEN_KEY),
                write(storeKey, false, "b", NovaSessionStore.LAST_SEEN_KEY))
                .containsAnyOf(write(storeKey, false, "a"), write(storeKey, false, "b"));
    }
}
