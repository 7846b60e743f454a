package io.quarkiverse.novasession.test.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;

class FormLoginSendsBrowsersBackToTheFirstPageTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints("quarkus.nova-session.auth.form.enabled=true",
            AuthApps.USERS);

    @TestHTTPResource("/")
    java.net.URL root;

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void aBrowserIsSentToTheLoginPageThenBackToThePageItAskedFor() {
        Visitor browser = Visitor.fresh();
        Response protectedPage = browser.keep(browser.request().accept(BROWSER_ACCEPT).get("/auth/me"));
        assertThat(protectedPage.statusCode()).isEqualTo(302);
        assertThat(protectedPage.header("Location")).isEqualTo(base() + "login.html");
        String location = protectedPage.getCookie("quarkus-redirect-location");
        assertThat(location).isEqualTo(base() + "auth/me");
        assertThat(protectedPage.getDetailedCookie("quarkus-redirect-location").isHttpOnly()).isTrue();

        Response posted = browser.keep(browser.request().cookie("quarkus-redirect-location", location)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "alice").formParam("j_password", "alice-pw")
                .post("/j_security_check"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.header("Location")).isEqualTo(base() + "auth/me");
        assertThat(posted.getDetailedCookie("quarkus-redirect-location").getMaxAge()).isEqualTo(0);

        Response me = browser.request().accept(BROWSER_ACCEPT).get("/auth/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body().asString()).isEqualTo("alice [user]");

        browser.keep(browser.request().post("/auth/logout"));
        assertThat(browser.request().accept(BROWSER_ACCEPT).get("/auth/me").header("Location"))
                .isEqualTo(base() + "login.html");
    }

    @Test
    void withoutARememberedPageTheLoginGoesToTheLandingPage() {
        Visitor browser = Visitor.fresh();
        Response posted = browser.keep(browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "bob").formParam("j_password", "bob-pw").post("/j_security_check"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.header("Location")).isEqualTo(base() + "index.html");
        assertThat(browser.request().get("/auth/admin").body().asString()).isEqualTo("admin bob");
    }

    @Test
    void aWrongPasswordGoesToTheErrorPageAndLogsNothingIn() {
        Visitor browser = Visitor.fresh();
        Response posted = browser.keep(browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "alice").formParam("j_password", "wrong").post("/j_security_check"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.header("Location")).isEqualTo(base() + "error.html");
        assertThat(browser.request().get("/auth/me").statusCode()).isEqualTo(401);
        Response missing = browser.request().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "alice").post("/j_security_check");
        assertThat(missing.statusCode()).isEqualTo(302);
        assertThat(missing.header("Location")).isEqualTo(base() + "error.html");
    }

    @Test
    void apiClientsAndScriptsGet401NotALoginPage() {
        assertThat(given().redirects().follow(false).accept("*/*").get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(given().redirects().follow(false).accept("application/json, text/plain").get("/auth/me").statusCode())
                .isEqualTo(401);
        assertThat(given().redirects().follow(false).accept(BROWSER_ACCEPT).header("X-Requested-With", "fetch")
                .get("/auth/me").statusCode()).isEqualTo(401);
    }

    @Test
    void aForeignRememberedLocationIsNotFollowed() {
        Visitor browser = Visitor.fresh();
        Response posted = browser.keep(browser.request()
                .cookie("quarkus-redirect-location", "https://evil.example/steal")
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "alice").formParam("j_password", "alice-pw").post("/j_security_check"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.header("Location")).isEqualTo(base() + "index.html");
    }

    private String base() {
        return root.toString();
    }
}
