package io.quarkiverse.novasession.runtime.auth;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.ReactiveNovaSessionLogin;
import io.quarkiverse.novasession.SessionLoginRefusedException;
import io.quarkiverse.novasession.runtime.SessionAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthenticationSuccessEvent;
import io.quarkus.security.spi.runtime.SecurityEventHelper;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Login and logout on the current request's session. A login rotates the id, keeps the identity in the session, then
 * enters it in the principal index, in that order: the new id is known to this response only until it is sent, so no
 * other request can see the session half logged in, and another login's liveness check never takes this one for
 * dead.
 */
@Singleton
public class SessionLogins implements ReactiveNovaSessionLogin {

    /**
     * The attribute of the {@code AuthenticationSuccessEvent} a login fires (the principal name): Quarkus fires the
     * same event type for every authenticated request.
     */
    public static final String LOGIN_ATTRIBUTE = "io.quarkiverse.novasession.login";

    private final SessionAccess access;
    private final PrincipalRegistry registry;
    private final Event<AuthenticationSuccessEvent> successEvent;
    private final boolean fireEvents;

    SessionLogins(SessionAccess access, PrincipalRegistry registry, Event<AuthenticationSuccessEvent> successEvent,
            BeanManager beans) {
        this.access = access;
        this.registry = registry;
        this.successEvent = successEvent;
        boolean enabled = ConfigProvider.getConfig().getOptionalValue("quarkus.security.events.enabled", Boolean.class)
                .orElse(true);
        this.fireEvents = SecurityEventHelper.isEventObserved(new AuthenticationSuccessEvent(null, null), beans, enabled);
    }

    @Override
    public Uni<Void> login(String principal, Set<String> roles) {
        return Uni.createFrom().deferred(() -> {
            if (principal == null || principal.isEmpty()) {
                throw new IllegalArgumentException("The principal to log in must not be null or empty");
            }
            if (roles == null) {
                throw new IllegalArgumentException("Roles must not be null: give an empty set for none");
            }
            return login(principal, roles, null);
        });
    }

    @Override
    public Uni<Void> login(SecurityIdentity identity) {
        return Uni.createFrom().deferred(() -> {
            if (identity == null || identity.isAnonymous() || identity.getPrincipal() == null) {
                throw new IllegalArgumentException("Only an authenticated identity can be logged in");
            }
            return login(identity.getPrincipal().getName(), identity.getRoles(), identity);
        });
    }

    /**
     * @param identity the identity to announce in the success event, or null to build one
     */
    Uni<Void> login(String principal, Set<String> roles, SecurityIdentity identity) {
        RoutingContext request = access.currentRequest();
        String userAgent = request == null ? null : request.request().getHeader("User-Agent");
        String remoteAddress = request == null || request.request().remoteAddress() == null ? null
                : request.request().remoteAddress().hostAddress();
        SessionIdentity kept = SessionIdentity.of(principal, roles, System.currentTimeMillis(), userAgent,
                remoteAddress);
        return access.rotate()
                .chain(storeKey -> access.keepIdentity(kept.toJson())
                        .chain(() -> registry.admit(kept, storeKey))
                        .onFailure(SessionLoginRefusedException.class)
                        .call(() -> access.dropIdentity()))
                .invoke(() -> {
                    if (fireEvents) {
                        SecurityIdentity announced = identity != null ? identity
                                : NovaSessionIdentityProvider.identity(principal, roles);
                        // Quarkus fires the same event for every authenticated request; this attribute tells a login
                        SecurityEventHelper.fire(successEvent, new AuthenticationSuccessEvent(announced,
                                request == null ? Map.of(LOGIN_ATTRIBUTE, principal)
                                        : Map.of(LOGIN_ATTRIBUTE, principal, RoutingContext.class.getName(), request)));
                    }
                });
    }

    @Override
    public Uni<Void> logout() {
        return Uni.createFrom().deferred(() -> {
            String storeKey = access.currentStoreKey();
            return access.identity().chain(found -> {
                SessionIdentity identity = found.map(SessionIdentity::fromJson).orElse(null);
                Uni<Void> ended = access.endCurrent(identity == null ? NovaSessionDestroyed.Cause.DELETED
                        : NovaSessionDestroyed.Cause.LOGOUT);
                return identity == null ? ended : ended.chain(() -> registry.forget(identity.principal(), storeKey));
            });
        });
    }

}
