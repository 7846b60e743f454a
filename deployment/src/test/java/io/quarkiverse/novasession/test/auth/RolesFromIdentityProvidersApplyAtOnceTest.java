package io.quarkiverse.novasession.test.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Spring's stale-authorities complaint: with {@code roles=identity-provider}, a role change in the identity store
 * applies on the logged-in visitor's next request, and a removed user is logged out.
 */
class RolesFromIdentityProvidersApplyAtOnceTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addClasses(AuthApps.class, AuthEndpoints.class, Visitor.class, RoleDirectory.class)
            .addAsResource(new StringAsset("quarkus.nova-session.auth.enabled=true\n"
                    + "quarkus.nova-session.auth.roles=identity-provider\n"), "application.properties"));

    @Test
    void aRoleGrantedOrRemovedBetweenTwoRequestsAppliesToTheSecond() {
        given().put("/directory?user=ivan&roles=user");
        Visitor ivan = Visitor.fresh();
        // the roles given at login are not what counts: the directory is asked on every request
        ivan.login("ivan", "admin");
        assertThat(ivan.request().get("/auth/me").body().asString()).isEqualTo("ivan [user]");
        assertThat(ivan.request().get("/auth/admin").statusCode()).isEqualTo(403);

        given().put("/directory?user=ivan&roles=user,admin");
        assertThat(ivan.request().get("/auth/admin").statusCode()).isEqualTo(200);

        given().put("/directory?user=ivan&roles=user");
        assertThat(ivan.request().get("/auth/admin").statusCode()).isEqualTo(403);

        given().put("/directory?user=ivan");
        assertThat(ivan.request().get("/auth/me").statusCode()).isEqualTo(401);
    }
}
