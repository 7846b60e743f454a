package io.quarkiverse.novasession.runtime.auth;

import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSessionLogin;
import io.quarkiverse.novasession.runtime.Blocking;
import io.quarkiverse.novasession.runtime.SessionAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The blocking {@link NovaSessionLogin}: {@link SessionLogins}, waited for.
 */
@Singleton
public class BlockingSessionLogins implements NovaSessionLogin {

    static final String EVENT_LOOP = "NovaSessionLogin blocks until the session store answers, and this thread is an "
            + "event loop, which must never block. Inject io.quarkiverse.novasession.ReactiveNovaSessionLogin here "
            + "instead, or run this code on a worker thread (@Blocking).";

    private final SessionLogins logins;
    private final SessionAccess access;

    BlockingSessionLogins(SessionLogins logins, SessionAccess access) {
        this.logins = logins;
        this.access = access;
    }

    @Override
    public void login(String principal, Set<String> roles) {
        await(logins.login(principal, roles));
    }

    @Override
    public void login(SecurityIdentity identity) {
        await(logins.login(identity));
    }

    @Override
    public void logout() {
        await(logins.logout());
    }

    private void await(Uni<Void> operation) {
        Blocking.await(operation, access.storeCompletesImmediately(), EVENT_LOOP);
    }
}
