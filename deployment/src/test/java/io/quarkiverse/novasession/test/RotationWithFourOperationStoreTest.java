package io.quarkiverse.novasession.test;

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
 * {@code rotate()} with a store that implements only Nova's four operations ({@link RecordingStore}: no
 * {@code renameSession}): the session layer moves the session itself. Every key reaches the new id, and the old id
 * keeps nothing in the store and reads nothing.
 */
class RotationWithFourOperationStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class);

    @Inject
    NovaSessionStore store;

    @Test
    void rotationKeepsEveryKeyKillsTheOldIdAndLeavesNothingUnderIt() {
        String oldId = given().get("/set/a?value=1").body().asString();
        given().cookie("session_id", oldId).get("/set/b?value=2");
        given().cookie("session_id", oldId).get("/set/c?value=3");
        given().cookie("session_id", oldId).get("/delete/b");

        Response rotated = given().cookie("session_id", oldId).get("/rotate");

        assertThat(rotated.statusCode()).isEqualTo(200);
        String newId = rotated.body().asString();
        assertThat(newId).hasSize(54).isNotEqualTo(oldId);
        assertThat(rotated.headers().getValues("Set-Cookie"))
                .containsExactly("session_id=" + newId + "; Path=/; HttpOnly; SameSite=Lax");
        Response a = given().cookie("session_id", newId).get("/get/a");
        assertThat(a.body().asString()).isEqualTo("1");
        assertThat(a.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(given().cookie("session_id", newId).get("/get/b").body().asString()).isEqualTo("<none>");
        assertThat(given().cookie("session_id", newId).get("/get/c").body().asString()).isEqualTo("3");

        String oldKey = SessionIds.storeKey(oldId);
        for (String key : new String[] { "a", "b", "c", NovaSessionStore.LAST_SEEN_KEY, NovaSessionStore.KEYS_KEY }) {
            assertThat(store.getValue(oldKey, key).await().indefinitely()).as("old id's " + key + " in the store")
                    .isEmpty();
        }
        assertThat(given().cookie("session_id", oldId).get("/get/a").body().asString()).isEqualTo("<none>");
        assertThat(given().cookie("session_id", oldId).get("/get/c").body().asString()).isEqualTo("<none>");
        // the session under the new id is untouched by the old id's reads
        assertThat(given().cookie("session_id", newId).get("/get/c").body().asString()).isEqualTo("3");
    }
}
