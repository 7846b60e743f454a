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
        static final java.util.concurrent.atomic.AtomicInteger AUTHENTICATED = new java.util.concurrent.atomic.AtomicInteger();

        void loggedIn(@Observes AuthenticationSuccessEvent event) {
            // Quarkus fires this event for every authenticated request as well: a login's carries the attribute
            if (!event.getEventProperties().containsKey("io.quarkiverse.novasession.login")) {
                AUTHENTICATED.incrementAndGet();
                return;
            }
            LOGINS.add(event.getSecurityIdentity().getPrincipal().getName() + " "
                    + new java.util.TreeSet<>(event.getSecurityIdentity().getRoles()));
        }
    }

    @Test
    void eachLoginFiresOneSuccessEventWithItsIdentity() {
        Audit.LOGINS.clear();
        Audit.AUTHENTICATED.set(0);
        Visitor.fresh().login("judy", "user,auditor");
        Visitor.fresh().login("kim", "");
        // the later, logged-in requests authenticate from the session: Quarkus' own events, not logins
        Visitor judy = Visitor.fresh();
        judy.login("judy", "user");
        judy.request().get("/auth/me");
        judy.request().get("/auth/me");
        assertThat(Audit.LOGINS).containsExactly("judy [auditor, user]", "kim []", "judy [user]");
        assertThat(Audit.AUTHENTICATED.get()).isEqualTo(2);
    }
}
