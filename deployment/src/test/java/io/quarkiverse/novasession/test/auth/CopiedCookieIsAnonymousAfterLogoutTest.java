package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The difference from Quarkus' form authentication: logout ends the identity on the server, so a copy of the cookie
 * taken before (another tab, a stolen cookie) is anonymous at once.
 */
class CopiedCookieIsAnonymousAfterLogoutTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints();

    @Test
    void aCookieCopiedBeforeLogoutIsAnonymousAfterIt() {
        Visitor visitor = Visitor.fresh();
        visitor.login("alice", "user");
        Visitor copy = visitor.copy();
        assertThat(copy.request().get("/auth/me").body().asString()).isEqualTo("alice [user]");

        Response logout = visitor.request().post("/auth/logout");
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.headers().getValues("Set-Cookie")).anySatisfy(
                cookie -> assertThat(cookie).startsWith("session_id=").contains("Max-Age=0"));

        assertThat(copy.request().get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(copy.request().get("/auth/public").body().asString()).isEqualTo("anonymous");
        assertThat(copy.request().get("/auth/sessions?user=alice").body().asString()).isEmpty();
    }
}
