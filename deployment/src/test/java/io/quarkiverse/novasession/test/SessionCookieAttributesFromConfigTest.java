package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SessionCookieAttributesFromConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SessionRoutes.class)
                    .addAsResource(new StringAsset("""
                            quarkus.nova-session.cookie.name=sid
                            quarkus.nova-session.cookie.path=/
                            quarkus.nova-session.cookie.domain=example.test
                            quarkus.nova-session.cookie.http-only=false
                            quarkus.nova-session.cookie.secure=always
                            quarkus.nova-session.cookie.same-site=strict
                            quarkus.nova-session.cookie.max-age=2H
                            """), "application.properties"));

    @Test
    void sessionCookieCarriesEveryConfiguredAttribute() {
        Response response = given().get("/id");
        assertThat(response.header("Set-Cookie")).isEqualTo(
                "sid=" + response.body().asString() + "; Path=/; Domain=example.test; Max-Age=7200; Secure; SameSite=Strict");
    }

    @Test
    void configuredCookieNameIsTheOneRead() {
        String id = given().get("/id").body().asString();
        Response again = given().cookie("sid", id).get("/id");
        assertThat(again.body().asString()).isEqualTo(id);
        assertThat(again.headers().getValues("Set-Cookie")).isEmpty();
        Response defaultName = given().cookie("session_id", id).get("/id");
        assertThat(defaultName.body().asString()).isNotEqualTo(id);
    }

    @Test
    void expiringCookieUsesTheSameAttributes() {
        String id = given().get("/id").body().asString();
        Response response = given().cookie("sid", id).get("/delete-session");
        assertThat(response.headers().getValues("Set-Cookie")).containsExactly(
                "sid=; Path=/; Domain=example.test; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Strict");
    }
}
