package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/**
 * The session's identity is built through Quarkus' IdentityProviderManager, so the application's augmentors apply to
 * it on every request.
 */
class ApplicationAugmentorsApplyToSessionIdentitiesTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addClasses(AuthApps.class, AuthEndpoints.class, Visitor.class, AdminForLeo.class)
            .addAsResource(new StringAsset("quarkus.nova-session.auth.enabled=true\n"), "application.properties"));

    @ApplicationScoped
    public static class AdminForLeo implements SecurityIdentityAugmentor {

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (identity.isAnonymous() || !identity.getPrincipal().getName().equals("leo")) {
                return Uni.createFrom().item(identity);
            }
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole("admin").build());
        }
    }

    @Test
    void anAugmentorsRoleOpensTheAdminPage() {
        Visitor leo = Visitor.fresh();
        leo.login("leo", "user");
        assertThat(leo.request().get("/auth/me").body().asString()).isEqualTo("leo [admin, user]");
        assertThat(leo.request().get("/auth/admin").statusCode()).isEqualTo(200);
        Visitor mia = Visitor.fresh();
        mia.login("mia", "user");
        assertThat(mia.request().get("/auth/admin").statusCode()).isEqualTo(403);
    }
}
