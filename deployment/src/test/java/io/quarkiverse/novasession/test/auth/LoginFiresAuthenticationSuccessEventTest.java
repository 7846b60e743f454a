package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Audit code written for Quarkus Security sees session logins: {@code AuthenticationSuccessEvent} with the identity.
 */
class LoginFiresAuthenticationSuccessEventTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addClasses(AuthApps.class, AuthEndpoints.class, Visitor.class, Audit.class)
            .addAsResource(new StringAsset("quarkus.nova-session.auth.enabled=true\n"), "application.properties"));

    @Singleton
    public static class Audit {

        static final List<String> LOGINS = new CopyOnWriteArrayList<>();

        void loggedIn(@Observes AuthenticationSuccessEvent event) {
            LOGINS.add(event.getSecurityIdentity().getPrincipal().getName() + " "
                    + new java.util.TreeSet<>(event.getSecurityIdentity().getRoles()));
        }
    }

    @Test
    void eachLoginFiresOneSuccessEventWithItsIdentity() {
        Audit.LOGINS.clear();
        Visitor.fresh().login("judy", "user,auditor");
        Visitor.fresh().login("kim", "");
        // the later, logged-in requests authenticate from the session: they are not logins
        Visitor judy = Visitor.fresh();
        judy.login("judy", "user");
        judy.request().get("/auth/me");
        judy.request().get("/auth/me");
        assertThat(Audit.LOGINS).containsExactly("judy [auditor, user]", "kim []", "judy [user]");
    }
}
