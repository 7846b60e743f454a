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
 * Two {@code set}s of one request running at the same time ({@code Uni.combine().all()}, {@code /set-both}) on a new
 * session, with a store that answers later on another thread ({@link SlowStore}) so that both are in flight together:
 * one id, both keys stored under it (and listed, so that a rotation by copy moves both), exactly one
 * {@code NovaSessionCreated}.
 */
class ParallelSetsInOneRequestMakeOneSessionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(SlowStore.class);

    @BeforeEach
    void clear() {
        SessionEventLog.clear();
    }

    @Test
    void newVisitorsParallelSetsMakeOneSessionAndOneCreatedEvent() {
        Response response = given().get("/set-both?a=1&b=2");

        assertThat(response.statusCode()).isEqualTo(200);
        String id = response.body().asString();
        assertThat(response.headers().getValues("Set-Cookie"))
                .containsExactly("session_id=" + id + "; Path=/; HttpOnly; SameSite=Lax");
        assertBothKeysUnder(id);
        assertThat(SessionEventLog.SYNC).containsExactly("created " + SessionIds.storeKey(id));
    }

    @Test
    void parallelSetsWithAnUntouchedCookieMakeOneSessionUnderItsId() {
        Response untouched = given().get("/id");
        String id = untouched.body().asString();
        assertThat(untouched.headers().getValues("Set-Cookie")).hasSize(1);

        Response response = given().cookie("session_id", id).get("/set-both?a=1&b=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).isEqualTo(id);
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
        assertBothKeysUnder(id);
        assertThat(SessionEventLog.SYNC).containsExactly("created " + SessionIds.storeKey(id));
    }

    @Test
    void bothKeysOfParallelSetsMoveWithTheSessionOnRotation() {
        // the store cannot rename: rotation copies the keys the session layer listed, so both sets must be listed
        String id = given().get("/set-both?a=1&b=2").body().asString();

        Response rotated = given().cookie("session_id", id).get("/rotate");

        assertThat(rotated.statusCode()).isEqualTo(200);
        String newId = rotated.body().asString();
        assertThat(newId).isNotEqualTo(id);
        assertBothKeysUnder(newId);
        assertThat(given().cookie("session_id", id).get("/get/a").body().asString()).isEqualTo("<none>");
    }

    private static void assertBothKeysUnder(String id) {
        assertThat(given().cookie("session_id", id).get("/get/a").body().asString()).isEqualTo("1");
        assertThat(given().cookie("session_id", id).get("/get/b").body().asString()).isEqualTo("2");
    }
}
