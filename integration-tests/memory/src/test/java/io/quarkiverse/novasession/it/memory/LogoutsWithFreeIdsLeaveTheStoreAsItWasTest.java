package io.quarkiverse.novasession.it.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.Script;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;

/**
 * Logging out costs nothing when there is nothing to log out of: 1,000 clients each take a cookie from a page that
 * never touches the session, then {@code POST /logout} with it. The store holds as many sessions as before and no
 * lifecycle event fires (no {@code NovaSessionDestroyed} for sessions that never existed).
 */
@QuarkusTest
class LogoutsWithFreeIdsLeaveTheStoreAsItWasTest {

    private static final int LOGOUTS = 1_000;

    @Test
    void thousandLogoutsWithFreeIdsWriteNothingAndFireNoEvent() {
        long sessionsBefore = sessions();
        int eventsBefore = events().size();

        int answered = 0;
        for (int i = 0; i < LOGOUTS; i++) {
            Script client = Script.withCookieFrom("/hello");
            assertThat(client.post("/logout").status()).isEqualTo(200);
            answered++;
        }

        assertThat(answered).isEqualTo(LOGOUTS);
        assertThat(sessions()).as("sessions in the memory store after %d logouts with free ids", LOGOUTS)
                .isEqualTo(sessionsBefore);
        List<String> events = events();
        assertThat(events.subList(eventsBefore, events.size())).as("events fired by the logouts").isEmpty();
    }

    private static long sessions() {
        return Long.parseLong(given().get("/inspect/memory-sessions").body().asString());
    }

    private static List<String> events() {
        return given().get("/inspect/session-events").as(new TypeRef<List<String>>() {
        });
    }
}
