package io.quarkiverse.novasession.test.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class LoginAuthenticatesTheNextRequestTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints();

    @Test
    void loginRotatesTheIdAndTheNextRequestCarriesTheIdentityAndItsRoles() {
        Visitor visitor = Visitor.fresh();
        String before = visitor.cookie();
        Response login = visitor.login("alice", "user");
        assertThat(login.statusCode()).isEqualTo(200);
        // the login request itself stays as it was authenticated
        assertThat(login.body().asString()).isEqualTo("anonymous");
        assertThat(visitor.cookie()).isNotNull().isNotEqualTo(before);

        Response me = visitor.request().get("/auth/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body().asString()).isEqualTo("alice [user]");
        assertThat(me.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(visitor.request().get("/auth/admin").statusCode()).isEqualTo(403);
        assertThat(visitor.request().get("/auth/public").body().asString()).isEqualTo("alice");
    }

    @Test
    void theCookieFromBeforeTheLoginIsNotLoggedIn() {
        Visitor visitor = Visitor.fresh();
        Visitor script = visitor.copy();
        visitor.login("alice", "user");
        // a script that kept the first cookie: no fixation, the pre-login id never becomes alice's
        assertThat(script.request().get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(script.request().get("/auth/public").body().asString()).isEqualTo("anonymous");
    }

    @Test
    void rolesAllowedLetsAnAdminIn() {
        Visitor bob = Visitor.fresh();
        bob.login("bob", "user,admin");
        Response admin = bob.request().get("/auth/admin");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body().asString()).isEqualTo("admin bob");
        assertThat(bob.request().get("/auth/me").body().asString()).isEqualTo("bob [admin, user]");
    }

    @Test
    void withoutASessionIdentityProtectedResourcesAnswer401() {
        assertThat(given().get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(given().get("/auth/admin").statusCode()).isEqualTo(401);
        assertThat(given().cookie("session_id", "forged-value").get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(given().get("/auth/public").body().asString()).isEqualTo("anonymous");
    }

    @Test
    void theIdentityKeyCannotBeReadWrittenOrDeletedThroughTheSession() {
        Visitor visitor = Visitor.fresh();
        visitor.login("alice", "user");
        for (String op : new String[] { "get", "set", "delete" }) {
            assertThat(visitor.request().queryParam("op", op).get("/auth/reserved").body().asString())
                    .isEqualTo("refused");
        }
        assertThat(visitor.request().get("/auth/me").body().asString()).isEqualTo("alice [user]");
    }

    @Test
    void anEmptyPrincipalIsRefusedWithoutLoggingIn() {
        Visitor visitor = Visitor.fresh();
        Response refused = visitor.login("", "user");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(visitor.request().get("/auth/me").statusCode()).isEqualTo(401);
    }
}
