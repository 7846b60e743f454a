package io.quarkiverse.novasession;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Where sessions live: the backend SPI, Nova's {@code nova_session} behaviour.
 * <p>
 * The store is chosen at build time with {@code quarkus.nova-session.manager}: {@code memory}, {@code infinispan}, or
 * the fully qualified name of an application class implementing this interface. Such a class is a CDI bean (the
 * extension makes it an {@code @ApplicationScoped} one if it carries no bean annotation), so it can inject what it
 * needs.
 * <p>
 * Keys and values are text: the session layer writes values as JSON before they reach the store. The
 * {@code sessionId} a store receives is never the cookie value: it is a key derived from it (SHA-256, base64url, 43
 * characters), so a dump of the store or of its logs reveals no session id a browser could replay. A store reports failures as failed {@link Uni}s and never blocks the calling thread unless
 * {@link #completesImmediately()} says it may.
 */
public interface NovaSessionStore {

    /**
     * @return the value stored under {@code key} in session {@code sessionId}, or empty when the session or the key does
     *         not exist
     */
    Uni<Optional<String>> getValue(String sessionId, String key);

    /**
     * Stores {@code value} under {@code key}, creating the session if needed and replacing any previous value of that
     * key only.
     */
    Uni<Void> setValue(String sessionId, String key, String value);

    /**
     * Removes the whole session.
     */
    Uni<Void> deleteValue(String sessionId);

    /**
     * Removes one key of a session.
     */
    Uni<Void> deleteValue(String sessionId, String key);

    /**
     * Moves a session's data from one key to another, for id rotation ({@link NovaSession#rotate()}): afterwards
     * {@code newSessionId} holds what {@code oldSessionId} held, and {@code oldSessionId} holds nothing, at once. Nothing
     * happens if the old session does not exist.
     * <p>
     * The built-in stores implement it. The default fails: a store that only knows Nova's four operations cannot list a
     * session's keys, so it cannot copy them.
     */
    default Uni<Void> renameSession(String oldSessionId, String newSessionId) {
        return Uni.createFrom().failure(new UnsupportedOperationException(getClass().getName()
                + " does not implement NovaSessionStore.renameSession, so session ids cannot be rotated with it"));
    }

    /**
     * Whether every {@link Uni} this store returns has already completed when it is returned, without ever blocking
     * (an in-memory map does; a network store does not).
     * <p>
     * The blocking {@link NovaSession} may be used on an event loop only with such a store. With any other store it
     * fails at once there, pointing at {@link ReactiveNovaSession}. The default, {@code false}, is the safe answer.
     */
    default boolean completesImmediately() {
        return false;
    }
}
