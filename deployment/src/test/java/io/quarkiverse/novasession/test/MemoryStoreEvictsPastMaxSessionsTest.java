package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

class MemoryStoreEvictsPastMaxSessionsTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routesWithEvents("quarkus.nova-session.memory.max-sessions=5")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                    && record.getLoggerName().endsWith("MemoryNovaSessionStore"))
            .assertLogRecords(records -> assertThat(records).hasSize(1).first()
                    .satisfies(record -> assertThat(record.getMessage()).contains("max-sessions=5")));

    @Test
    void storeNeverHoldsMoreThanMaxSessionsAndSaysSoInOneWarning() throws InterruptedException {
        SessionEventLog.clear();
        for (int i = 0; i < 50; i++) {
            assertThat(given().get("/set/n?value=" + i).statusCode()).isEqualTo(200);
        }
        MemoryNovaSessionStore store = Arc.container().instance(MemoryNovaSessionStore.class).get();
        assertThat(store.size()).isLessThanOrEqualTo(5);
        // Caffeine tells of removals on its executor: wait for the last of them
        long deadline = System.currentTimeMillis() + 5_000;
        while (evicted() < 50 - store.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(evicted()).isEqualTo(50 - store.size());
    }

    private static long evicted() {
        return SessionEventLog.SYNC.stream().filter(event -> event.endsWith(" EVICTED")).count();
    }
}
