package io.quarkiverse.novasession.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Quarkus Security on sessions, over real HTTP against the demo's form login and account pages: each store's
 * application module runs it.
 */
public abstract class AuthSuite {

    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

    /** Logs in through the demo's form, as a browser posting /login.html does. */
    public static Response formLogin(Visitor visitor, String user, String password) {
        return visitor.remember(visitor.request().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password).post("/j_security_check"));
    }

    @Test
    void aBrowserLogsInThroughTheFormAndReachesThePageItAskedFor() {
        Visitor browser = new Visitor();
        Response asked = browser.remember(browser.request().accept(BROWSER).get("/account"));
        assertThat(asked.statusCode()).isEqualTo(302);
        assertThat(asked.header("Location")).endsWith("/login.html");
        String location = asked.getCookie("quarkus-redirect-location");
        assertThat(location).endsWith("/account");

        Response posted = browser.remember(browser.request().cookie("quarkus-redirect-location", location)
                .contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "alice").formParam("j_password", "alice").post("/j_security_check"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.header("Location")).isEqualTo(location);
        Response account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body().asString()).isEqualTo("Hello alice, roles [user]");
        assertThat(browser.get("/account/admin").statusCode()).isEqualTo(403);
    }

    @Test
    void scriptsGet401AndAWrongPasswordLogsNothingIn() {
        Visitor script = new Visitor();
        assertThat(script.get("/account").statusCode()).isEqualTo(401);
        Response wrong = formLogin(script, "bob", "not-bobs");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.header("Location")).endsWith("/error.html");
        assertThat(script.get("/account").statusCode()).isEqualTo(401);
    }

    @Test
    void aCookieCopiedBeforeLogoutIsAnonymousAfterIt() {
        Visitor bob = new Visitor();
        formLogin(bob, "bob", "bob");
        assertThat(bob.get("/account/admin").body().asString()).isEqualTo("Admin page of bob");
        Visitor copy = new Visitor().withSessionId(bob.sessionId());
        assertThat(bob.post("/account/logout").statusCode()).isEqualTo(200);
        assertThat(copy.get("/account").statusCode()).isEqualTo(401);
        assertThat(copy.get("/account/admin").statusCode()).isEqualTo(401);
    }

    @Test
    void mySessionsListsEveryLoginAndLogoutEverywhereEndsThemAll() {
        // other scenarios log bob in too: start from none
        Visitor before = new Visitor();
        formLogin(before, "bob", "bob");
        before.post("/account/logout-everywhere");

        Visitor phone = new Visitor();
        phone.remember(phone.request().header("User-Agent", "phone-browser")
                .contentType("application/x-www-form-urlencoded").formParam("j_username", "bob")
                .formParam("j_password", "bob").post("/j_security_check"));
        Visitor laptop = new Visitor();
        laptop.remember(laptop.request().header("User-Agent", "laptop-browser")
                .contentType("application/x-www-form-urlencoded").formParam("j_username", "bob")
                .formParam("j_password", "bob").post("/j_security_check"));
        String listed = laptop.get("/account/sessions").body().asString();
        assertThat(listed.split("\"storeKey\"")).hasSize(3);
        // most recently seen first: the laptop just asked
        assertThat(listed.indexOf("laptop-browser")).isLessThan(listed.indexOf("phone-browser"));
        assertThat(listed.indexOf("phone-browser")).isPositive();

        Response ended = phone.post("/account/logout-everywhere");
        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(ended.body().asString()).isEqualTo("2");
        assertThat(phone.get("/account").statusCode()).isEqualTo(401);
        assertThat(laptop.get("/account").statusCode()).isEqualTo(401);
        assertThat(before.get("/account").statusCode()).isEqualTo(401);
    }
}
