package io.quarkiverse.novasession;

import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Logs the current request's visitor in and out on their session (blocking; {@link ReactiveNovaSessionLogin} for
 * event-loop code). Injectable with {@code quarkus.nova-session.auth.enabled=true}, wherever an HTTP request is
 * active.
 * <p>
 * The identity is kept on the server, in the session: the next request with the session's cookie is authenticated as
 * it (the {@code nova-session} authentication mechanism), and {@link #logout()} ends it on every instance at once. The
 * request that logs in stays as it was authenticated.
 */
public interface NovaSessionLogin {

    /**
     * Logs the visitor in as {@code principal} with {@code roles}: rotates the session id (no session fixation), then
     * keeps the identity in the session, with the login time, user agent and remote address
     * ({@link NovaSessionRegistry#sessionsOf}).
     *
     * @throws SessionLoginRefusedException when the principal already has
     *         {@code quarkus.nova-session.auth.max-sessions-per-principal} sessions and
     *         {@code on-max-sessions=refuse} (answered 403 by default)
     * @throws IllegalArgumentException on a null or empty principal, or null roles
     */
    void login(String principal, Set<String> roles);

    /**
     * {@link #login(String, Set)} with the principal name and roles of an identity an {@code IdentityProvider}
     * produced (for example through {@code IdentityProviderManager} from a user name and password).
     */
    void login(SecurityIdentity identity);

    /**
     * Ends the whole session on the server and expires the cookie: a copy of the cookie taken before is anonymous from
     * now on, on every instance. Nothing happens for a visitor who is not logged in but the end of their session.
     */
    void logout();
}
