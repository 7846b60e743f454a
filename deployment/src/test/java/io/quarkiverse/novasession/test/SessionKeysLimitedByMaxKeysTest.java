package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SessionKeysLimitedByMaxKeysTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routesWithEvents("quarkus.nova-session.max-keys=2");

    @Test
    void keyPastMaxKeysIsRefusedWithAClearErrorWhileOverwritesAndDeletesStillWork() {
        String id = given().get("/set/a?value=1").body().asString();
        assertThat(given().cookie("session_id", id).get("/set/b?value=2").statusCode()).isEqualTo(200);

        Response third = given().cookie("session_id", id).get("/set/c?value=3");
        assertThat(third.body().asString()).startsWith("SessionLimitException: Session key 'c' would be one key too many")
                .contains("max-keys=2");
        assertThat(given().cookie("session_id", id).get("/get/c").body().asString()).isEqualTo("<none>");

        assertThat(given().cookie("session_id", id).get("/set/a?value=10").statusCode()).isEqualTo(200);
        assertThat(given().cookie("session_id", id).get("/get/a").body().asString()).isEqualTo("10");
        given().cookie("session_id", id).get("/delete/b");
        assertThat(given().cookie("session_id", id).get("/set/c?value=3").statusCode()).isEqualTo(200);
        assertThat(given().cookie("session_id", id).get("/get/c").body().asString()).isEqualTo("3");
    }
}
