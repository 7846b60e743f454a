package io.quarkiverse.novasession.test;

import static io.quarkiverse.novasession.test.WriteRecordingMemoryStore.write;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * A slow request reads its session when the last-seen time is due for a refresh; another request of the visitor logs
 * out meanwhile; the slow request then answers without writing anything. The refresh it still owes is written once its
 * response started, and the store refuses it: the ended session stays ended, no new session appears under the old id
 * or in the slow response, and the refusal is no failure worth a log line.
 */
class PendingTouchOfASessionEndedMeanwhileBringsNothingBackTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps
            .onWriteRecordingStore(new Class<?>[] { HeldReadRoutes.class },
                    "quarkus.nova-session.touch-interval=200MS",
                    // a configured key: no start-up warning about a random one among the records
                    "quarkus.nova-session.id-keys=pending-touch-key-0123456789-0123456789",
                    // a background store failure is logged at DEBUG: this one must not be logged at all
                    "quarkus.log.category.\"io.quarkiverse.novasession\".level=DEBUG")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.quarkiverse.novasession"))
            // checked once the test ran, when the refused touch is long over
            .assertLogRecords(PendingTouchOfASessionEndedMeanwhileBringsNothingBackTest::nothingWorthALine);

    @Inject
    WriteRecordingMemoryStore store;

    @Test
    void touchOwedByASlowReadAfterALogoutIsRefusedSilentlyAndTheOldIdStaysDead() throws Exception {
        String id = given().get("/set/k?value=v").body().asString();
        String storeKey = SessionIds.storeKey(id);
        Thread.sleep(300);

        CompletableFuture<Response> slow = CompletableFuture
                .supplyAsync(() -> given().cookie("session_id", id).get("/held-get/k"));
        assertThat(HeldReadRoutes.READ.await(10, TimeUnit.SECONDS)).isTrue();
        WriteRecordingMemoryStore.WRITES.clear();
        assertThat(given().cookie("session_id", id).get("/delete-session").body().asString()).isEqualTo("deleted");
        HeldReadRoutes.RELEASE.complete(null);
        Response slowResponse = slow.get(10, TimeUnit.SECONDS);

        assertThat(slowResponse.statusCode()).isEqualTo(200);
        // what it read before the logout, and no cookie: the slow request started nothing new
        assertThat(slowResponse.body().asString()).isEqualTo("v");
        assertThat(slowResponse.headers().getValues("Set-Cookie")).isEmpty();
        // the touch was tried on the ended session only, which refused it
        assertThat(WriteRecordingMemoryStore.WRITES).containsExactly("end " + storeKey,
                write(storeKey, false, NovaSessionStore.LAST_SEEN_KEY));
        assertThat(store.live(storeKey)).isFalse();
        assertThat(store.endMarked(storeKey)).isTrue();

        Response back = given().cookie("session_id", id).get("/get/k");
        assertThat(back.body().asString()).isEqualTo("<none>");
        assertThat(back.cookie("session_id")).isNotNull().isNotEqualTo(id);
        assertThat(store.live(storeKey)).isFalse();
    }

    private static void nothingWorthALine(List<LogRecord> records) {
        assertThat(records).as("session layer log records at WARN and above, and any of its store calls")
                .filteredOn(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                        || record.getLoggerName().endsWith(".StoreCalls"))
                .extracting(record -> record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage())
                .isEmpty();
    }
}
