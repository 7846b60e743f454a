package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIdSigner;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With lazy creation, {@code rotate()} on a request whose cookie holds no live session (it expired, or its id never
 * held anything) starts a new session: the new id's signed start is the time of the rotation, not the dead or empty
 * id's start, so that a login on such a request gets the whole absolute timeout. The application and this test share
 * one clock (one JVM), so the start is checked to the millisecond.
 */
class LazyRotationAfterExpiredOrEmptyCookieStartsAFreshClockTest {

    private static final String KEY = "lazy-rotation-key-0123456789-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routesWithEvents("quarkus.nova-session.create=lazy",
            "quarkus.nova-session.idle-timeout=2S", "quarkus.nova-session.touch-interval=100MS",
            "quarkus.nova-session.id-keys=" + KEY);

    @Test
    void rotateAfterTheSessionExpiredStartsAFreshClock() throws InterruptedException {
        String expiredId = given().get("/set/k?value=v").body().asString();
        Thread.sleep(2_500);

        long before = System.currentTimeMillis();
        Response rotated = given().cookie("session_id", expiredId).get("/rotate");
        long after = System.currentTimeMillis();

        String newId = assertFreshClock(rotated, expiredId, before, after);
        assertThat(given().cookie("session_id", newId).get("/get/k").body().asString()).isEqualTo("<none>");
    }

    @Test
    void rotateOnAnIssuedIdThatHoldsNothingStartsAFreshClock() {
        // issued by this application 1.5 s ago (inside idle-timeout), never written to
        String emptyId = new SessionIdSigner(List.of(KEY)).generate(System.currentTimeMillis() - 1_500);

        long before = System.currentTimeMillis();
        Response rotated = given().cookie("session_id", emptyId).get("/rotate");
        long after = System.currentTimeMillis();

        assertFreshClock(rotated, emptyId, before, after);
    }

    /**
     * @return the id {@code rotated} sent, after checking that it is new, sent as the cookie, and started between
     *         {@code before} and {@code after}, not at {@code oldId}'s start
     */
    private static String assertFreshClock(Response rotated, String oldId, long before, long after) {
        String newId = rotated.body().asString();
        assertThat(newId).hasSize(SessionIdSigner.LENGTH).isNotEqualTo(oldId);
        assertThat(rotated.headers().getValues("Set-Cookie"))
                .containsExactly("session_id=" + newId + "; Path=/; HttpOnly; SameSite=Lax");
        assertThat(SessionIdSigner.sessionStart(newId)).as("start of the id rotated to (the old id started at %d)",
                SessionIdSigner.sessionStart(oldId)).isBetween(before, after);
        return newId;
    }
}
