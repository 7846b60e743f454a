package io.quarkiverse.novasession.runtime.auth;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSessionInfo;
import io.quarkiverse.novasession.NovaSessionRegistry;
import io.quarkiverse.novasession.runtime.Blocking;
import io.quarkiverse.novasession.runtime.SessionAccess;
import io.smallrye.mutiny.Uni;

/**
 * The blocking {@link NovaSessionRegistry} over the {@link PrincipalRegistry}.
 */
@Singleton
public class SessionRegistry implements NovaSessionRegistry {

    static final String EVENT_LOOP = "NovaSessionRegistry blocks until the session store answers, and this thread is an "
            + "event loop, which must never block: run this code on a worker thread (@Blocking).";

    private final PrincipalRegistry registry;
    private final SessionAccess access;

    SessionRegistry(PrincipalRegistry registry, SessionAccess access) {
        this.registry = registry;
        this.access = access;
    }

    @Override
    public List<NovaSessionInfo> sessionsOf(String principal) {
        return await(Uni.createFrom().deferred(() -> registry.sessionsOf(checked(principal))));
    }

    @Override
    public int logoutEverywhere(String principal) {
        return await(Uni.createFrom().deferred(() -> registry.logoutEverywhere(checked(principal))));
    }

    @Override
    public boolean logout(String principal, String storeKey) {
        if (storeKey == null || storeKey.isEmpty()) {
            throw new IllegalArgumentException("The store key of the session to log out must not be null or empty");
        }
        return await(Uni.createFrom().deferred(() -> registry.logout(checked(principal), storeKey)));
    }

    private static String checked(String principal) {
        if (principal == null || principal.isEmpty()) {
            throw new IllegalArgumentException("The principal must not be null or empty");
        }
        return principal;
    }

    private <T> T await(Uni<T> operation) {
        return Blocking.await(operation, access.storeCompletesImmediately(), EVENT_LOOP);
    }
}
