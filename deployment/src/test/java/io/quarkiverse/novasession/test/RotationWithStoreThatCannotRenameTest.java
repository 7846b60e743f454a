package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class RotationWithStoreThatCannotRenameTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class);

    @Test
    void rotateFailsWithAMessageNamingTheMissingStoreMethodAndKeepsTheSession() {
        String id = given().get("/set/k?value=v").body().asString();
        Response response = given().cookie("session_id", id).get("/rotate");
        assertThat(response.body().asString()).isEqualTo("UnsupportedOperationException: " + RecordingStore.class.getName()
                + " does not implement NovaSessionStore.renameSession, so session ids cannot be rotated with it");
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(given().cookie("session_id", id).get("/get/k").body().asString()).isEqualTo("v");
    }
}
