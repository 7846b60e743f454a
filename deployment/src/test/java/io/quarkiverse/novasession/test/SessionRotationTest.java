package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SessionRotationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routes();

    @Test
    void rotationSetsOneNewCookieWithTheSameAttributesAndMovesTheData() {
        String oldId = given().get("/set/k?value=v").body().asString();
        Response rotated = given().cookie("session_id", oldId).get("/rotate");
        String newId = rotated.body().asString();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(rotated.headers().getValues("Set-Cookie"))
                .containsExactly("session_id=" + newId + "; Path=/; HttpOnly; SameSite=Lax");
        Response read = given().cookie("session_id", newId).get("/get/k");
        assertThat(read.body().asString()).isEqualTo("v");
        assertThat(read.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(given().cookie("session_id", oldId).get("/get/k").body().asString()).isEqualTo("<none>");
    }

    @Test
    void rotatingANewVisitorsSessionSendsOnlyTheFinalCookie() {
        Response rotated = given().get("/rotate");
        assertThat(rotated.headers().getValues("Set-Cookie"))
                .containsExactly("session_id=" + rotated.body().asString() + "; Path=/; HttpOnly; SameSite=Lax");
    }
}
