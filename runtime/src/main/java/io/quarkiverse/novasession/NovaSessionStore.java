package io.quarkiverse.novasession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * characters), so a dump of the store or of its logs reveals no session id a browser could replay. A store reports
 * failures as failed {@link Uni}s and never blocks the calling thread unless {@link #completesImmediately()} says it
 * may.
 * <p>
 * Expiry needs nothing from a store: the session layer keeps the time a session was last seen under the key
 * {@value #LAST_SEEN_KEY} of the session itself, never serves a session idle for longer than
 * {@code quarkus.nova-session.idle-timeout} or older than {@code quarkus.nova-session.absolute-timeout}, and deletes
 * it when its visitor comes back. A store that can also drop sessions nobody comes back for (a cache's own expiry)
 * should: the built-in ones do.
 */
public interface NovaSessionStore {

    /**
     * The key under which the session layer keeps a session's last-seen time (epoch milliseconds, as JSON text). The
     * application cannot use it; a store holds it like any other key.
     */
    String LAST_SEEN_KEY = "__nova_seen";

    /**
     * @return the value stored under {@code key} in session {@code sessionId}, or empty when the session or the key does
     *         not exist
     */
    Uni<Optional<String>> getValue(String sessionId, String key);

    /**
     * Reads several keys of one session. The session layer reads a value together with {@value #LAST_SEEN_KEY}, so a
     * store that can answer both in one round trip should override this. The default asks {@link #getValue} for each
     * key, one after the other.
     *
     * @return one element per key, in the order of {@code keys}
     */
    default Uni<List<Optional<String>>> getValues(String sessionId, List<String> keys) {
        Uni<List<Optional<String>>> values = Uni.createFrom().item(new ArrayList<>(keys.size()));
        for (String key : keys) {
            values = values.chain(list -> getValue(sessionId, key).map(value -> {
                list.add(value);
                return list;
            }));
        }
        return values;
    }

    /**
     * Stores {@code value} under {@code key}, creating the session if needed and replacing any previous value of that
     * key only.
     */
    Uni<Void> setValue(String sessionId, String key, String value);

    /**
     * Stores several keys of one session, as {@link #setValue} would one after the other. The session layer writes a
     * new session's first value together with {@value #LAST_SEEN_KEY}, so a store that can write both in one round trip
     * should override this. The default calls {@link #setValue} for each entry, in order.
     */
    default Uni<Void> setValues(String sessionId, Map<String, String> values) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            done = done.chain(() -> setValue(sessionId, entry.getKey(), entry.getValue()));
        }
        return done;
    }

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
