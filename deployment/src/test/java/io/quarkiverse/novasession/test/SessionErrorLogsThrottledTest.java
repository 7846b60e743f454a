package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The extension's errors, answered by default, cost the log one line a minute per kind with a count, and never a stack
 * trace: 8 requests of each kind (limit, ended, store away), from a blocking REST method and a plain Vert.x handler,
 * leave exactly 3 warnings and nothing worse.
 */
class SessionErrorLogsThrottledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.failurePropagatingEndpoints(
            // a configured key: no start-up warning about a random one among the records
            "quarkus.nova-session.id-keys=throttled-log-key-0123456789-0123456789")
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            // checked once the test ran: 24 failures answered, 3 warnings, no stack trace, nothing worse
            .assertLogRecords(SessionErrorLogsThrottledTest::threeWarningsWithoutStackTraces);

    @Test
    void eightFailuresOfEachKindLogThreeWarningsWithoutStackTraces() {
        String live = given().get("/set/before?value=kept").body().asString();
        int answered = 0;
        for (int i = 0; i < 4; i++) {
            for (String path : new String[] { "/fail/rest", "/fail/vertx" }) {
                FailingStore.mode = FailingStore.Mode.WORKING;
                assertThat(given().cookie("session_id", live).get(path + "?value=" + "x".repeat(15)).statusCode())
                        .isEqualTo(413);
                FailingStore.mode = FailingStore.Mode.SESSION_ENDED_ON_WRITE;
                assertThat(given().cookie("session_id", live).get(path + "?value=late").statusCode()).isEqualTo(409);
                FailingStore.mode = FailingStore.Mode.UNREACHABLE;
                assertThat(given().cookie("session_id", live).get(path + "?value=v").statusCode()).isEqualTo(503);
                answered += 3;
            }
        }
        FailingStore.mode = FailingStore.Mode.WORKING;
        assertThat(answered).isEqualTo(24);
    }

    private static void threeWarningsWithoutStackTraces(List<LogRecord> records) {
        assertThat(records).as("log records at WARN and above").extracting(LogRecord::getThrown).containsOnlyNulls();
        assertThat(records).extracting(LogRecord::getLevel).containsOnly(Level.WARNING);
        assertThat(records).extracting(LogRecord::getLoggerName)
                .containsExactly("io.quarkiverse.novasession.runtime.SessionFailureHandler",
                        "io.quarkiverse.novasession.runtime.SessionFailureHandler",
                        "io.quarkiverse.novasession.runtime.SessionFailureHandler");
    }
}
