package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SessionCookieIssuedWithDefaultAttributesTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routes();

    @Test
    void newVisitorGetsSecureRandomIdCookieThatIdAlreadyReturns() {
        Response first = given().get("/id");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().getValues("Set-Cookie")).hasSize(1);
        String setCookie = first.header("Set-Cookie");
        assertThat(setCookie).matches("session_id=[A-Za-z0-9_-]{54}; Path=/; HttpOnly; SameSite=Lax");
        String id = setCookie.substring("session_id=".length(), setCookie.indexOf(';'));
        assertThat(first.body().asString()).isEqualTo(id);
    }

    @Test
    void visitorWithValidCookieKeepsItsIdAndGetsNoNewCookie() {
        String id = given().get("/id").body().asString();
        Response second = given().cookie("session_id", id).get("/id");
        assertThat(second.body().asString()).isEqualTo(id);
        assertThat(second.headers().getValues("Set-Cookie")).isEmpty();
    }

    @Test
    void everyNewVisitorGetsADifferentId() {
        String a = given().get("/id").body().asString();
        String b = given().get("/id").body().asString();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void requestThatIgnoresItsSessionStillGetsTheCookie() {
        Response response = given().get("/nothing");
        assertThat(response.body().asString()).isEqualTo("nothing");
        assertThat(response.header("Set-Cookie")).startsWith("session_id=");
    }
}
