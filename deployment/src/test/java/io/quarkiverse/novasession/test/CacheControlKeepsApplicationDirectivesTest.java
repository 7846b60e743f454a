package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.ext.web.Router;

class CacheControlKeepsApplicationDirectivesTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PublicPage.class));

    public static class PublicPage {
        void route(@Observes Router router) {
            router.get("/public").handler(ctx -> ctx.response().putHeader("Cache-Control", "public, max-age=600, s-maxage=600")
                    .end("cacheable"));
        }
    }

    @Test
    void sharedCacheDirectivesGiveWayWhenTheResponseSetsTheSessionCookie() {
        var response = given().get("/public");
        assertThat(response.header("Set-Cookie")).startsWith("session_id=");
        assertThat(response.header("Cache-Control")).isEqualTo("max-age=600, private, no-cache=\"Set-Cookie\"");
    }

    @Test
    void responsesWithoutSessionCookieKeepTheApplicationsDirectives() {
        String cookie = given().get("/public").header("Set-Cookie");
        String id = cookie.substring("session_id=".length(), cookie.indexOf(';'));
        var response = given().cookie("session_id", id).get("/public");
        assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=600, s-maxage=600");
    }
}
