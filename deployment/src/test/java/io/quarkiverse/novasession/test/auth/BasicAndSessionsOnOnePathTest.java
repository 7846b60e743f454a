package io.quarkiverse.novasession.test.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * Next to Basic authentication (an API path for scripts), with proactive authentication off and paths choosing their
 * mechanism by scheme: both start, each authenticates its own clients, and a browser is still sent to the login page
 * rather than shown Basic's dialog.
 */
class BasicAndSessionsOnOnePathTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints(new Class<?>[] { AnnotatedEndpoints.class }, AuthApps.USERS,
            "quarkus.nova-session.auth.form.enabled=true",
            "quarkus.http.auth.basic=true",
            "quarkus.http.auth.proactive=false",
            "quarkus.http.auth.permission.sessions.paths=/auth/me",
            "quarkus.http.auth.permission.sessions.policy=authenticated",
            "quarkus.http.auth.permission.sessions.auth-mechanism=nova-session",
            "quarkus.http.auth.permission.api.paths=/auth/admin",
            "quarkus.http.auth.permission.api.policy=authenticated",
            "quarkus.http.auth.permission.api.auth-mechanism=basic");

    @Test
    void basicCredentialsOpenTheBasicPathAndASessionOpensTheSessionPath() {
        Response basic = given().auth().preemptive().basic("bob", "bob-pw").get("/auth/admin");
        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(basic.body().asString()).isEqualTo("admin bob");

        Visitor visitor = Visitor.fresh();
        visitor.login("alice", "user");
        assertThat(visitor.request().get("/auth/me").body().asString()).isEqualTo("alice [user]");
        // the session path is not opened by Basic credentials, the Basic path not by a session
        assertThat(given().auth().preemptive().basic("bob", "bob-pw").redirects().follow(false).get("/auth/me")
                .statusCode()).isEqualTo(401);
        assertThat(visitor.request().get("/auth/admin").statusCode()).isEqualTo(401);
    }

    @Test
    void anEndpointAnnotatedForTheSessionMechanismTakesSessionsOnlyAndShowsThemInSecurityContext() {
        Visitor bob = Visitor.fresh();
        bob.login("bob", "user,admin");
        assertThat(bob.request().get("/annotated").body().asString()).startsWith("bob admin=true scheme=");
        Visitor alice = Visitor.fresh();
        alice.login("alice", "user");
        assertThat(alice.request().get("/annotated").body().asString()).startsWith("alice admin=false scheme=");
        assertThat(given().auth().preemptive().basic("bob", "bob-pw").get("/annotated").statusCode()).isEqualTo(401);
    }

    @Test
    void aBrowserOnTheSessionPathIsSentToTheLoginPage() {
        Response page = given().redirects().follow(false).accept("text/html").get("/auth/me");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login.html");
    }

    @Test
    void withProactiveAuthenticationOffTheIdentityIsStillThereWhenAsked() {
        Visitor visitor = Visitor.fresh();
        visitor.login("alice", "user");
        assertThat(visitor.request().get("/auth/public").body().asString()).isEqualTo("alice");
    }
}
