package io.quarkiverse.novasession;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.smallrye.mutiny.Uni;

/**
 * Where sessions live: the backend SPI, Nova's {@code nova_session} behaviour.
 * <p>
 * The store is chosen at build time with {@code quarkus.nova-session.manager}: {@code memory}, {@code infinispan}, or
 * the fully qualified name of an application class implementing this interface. Such a class is a CDI bean (the
 * extension makes it an {@code @ApplicationScoped} one if it carries no bean annotation), so it can inject what it
 * needs.
 * <p>
 * Keys and values are text: the session layer writes values as JSON before they reach the store, and expects to read
 * back exactly the text it wrote. The {@code storeKey} a store receives is never the cookie value: it is a key derived
 * from it (SHA-256, base64url, 43 characters), so a dump of the store or of its logs reveals no session id a browser
 * could replay. A store reports failures as failed {@link Uni}s and never blocks the calling thread unless
 * {@link #completesImmediately()} says it may.
 * <p>
 * <b>Nova's four operations</b> ({@link #getValue}, {@link #setValue}, {@link #deleteValue(String)},
 * {@link #deleteValue(String, String)}) are all a store must implement. Everything else has a default built on them.
 * The session layer, though, needs a few things to be atomic to keep its promises under concurrency: a write never
 * brings back a session that another request deleted or rotated, and a write is never acknowledged and then lost. The
 * defaults check, then act, so with a store that implements only the four operations those promises hold except
 * inside that window. A store that can do better overrides {@link #writeValues}, {@link #endSession} and
 * {@link #renameSession} (the built-in stores do, each in one atomic step) and keeps an <em>end marker</em> for
 * ended sessions: a session that {@link #endSession} or {@link #renameSession} ended then answers
 * {@link #getValues} and {@link #writeValues} with {@link SessionEndedException} until {@code idle-timeout} has passed.
 * <p>
 * Expiry needs nothing from a store: the session layer keeps the time a session was last seen under the key
 * {@value #LAST_SEEN_KEY} of the session itself, never serves a session idle for longer than
 * {@code quarkus.nova-session.idle-timeout} or older than {@code quarkus.nova-session.absolute-timeout}, and ends it
 * when its visitor comes back. A store that can also drop sessions nobody comes back for (a cache's own expiry)
 * should: the built-in ones do.
 */
public interface NovaSessionStore {

    /**
     * The key under which the session layer keeps a session's last-seen time (epoch milliseconds, as JSON text). The
     * application cannot use it; a store holds it like any other key. Every session the session layer created holds
     * it.
     */
    String LAST_SEEN_KEY = "__nova_seen";

    /**
     * The key under which the session layer keeps the list of a session's keys (a JSON array), in a store that does
     * not implement {@link #renameSession}: rotating the session id copies those keys. Stores that rename never see it.
     */
    String KEYS_KEY = "__nova_keys";

    /**
     * The key under which authentication on sessions ({@code quarkus.nova-session.auth.enabled}) keeps the identity a
     * session was logged in with (JSON text). The application cannot read, write or delete it through
     * {@link NovaSession}; a store holds it like any other key.
     */
    String IDENTITY_KEY = "__nova_identity";

    /**
     * Nova's {@code get_value}.
     *
     * @return the value stored under {@code key} in session {@code storeKey}, exactly as written, or empty when the
     *         session (or its end marker) or the key does not exist
     */
    Uni<Optional<String>> getValue(String storeKey, String key);

    /**
     * Reads several keys of one session. The session layer reads a value together with {@value #LAST_SEEN_KEY}, so a
     * store that can answer both in one round trip should override this. The default asks {@link #getValue} for each
     * key, one after the other.
     *
     * @return one element per key, in the order of {@code keys}; a failed {@link Uni} with
     *         {@link SessionEndedException} when the store keeps an end marker for this session
     */
    default Uni<List<Optional<String>>> getValues(String storeKey, List<String> keys) {
        Uni<List<Optional<String>>> values = Uni.createFrom().item(new ArrayList<>(keys.size()));
        for (String key : keys) {
            values = values.chain(list -> getValue(storeKey, key).map(value -> {
                list.add(value);
                return list;
            }));
        }
        return values;
    }

    /**
     * Nova's {@code set_value}: stores {@code value} under {@code key}, creating the session if needed and replacing
     * any previous value of that key only. The session layer writes through {@link #writeValues}.
     */
    Uni<Void> setValue(String storeKey, String key, String value);

    /**
     * Stores several keys of one session, as {@link #setValue} would one after the other, creating the session if
     * needed. The default calls {@link #setValue} for each entry, in order.
     */
    default Uni<Void> setValues(String storeKey, Map<String, String> values) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            done = done.chain(() -> setValue(storeKey, entry.getKey(), entry.getValue()));
        }
        return done;
    }

    /**
     * The session layer's only write: stores {@code values} in session {@code storeKey} if it is live, or creates it
     * with them if it does not exist and {@code create} is true (the first write of a session). Several first writes
     * of one session at the same moment all land in that one session.
     * <p>
     * It fails with {@link SessionEndedException}, storing nothing, when the session has an end marker, or when it
     * does not exist and {@code create} is false (it was deleted, rotated away or expired after the request read it).
     * It fails with {@link SessionLimitException}, storing nothing, when the write would take the session past
     * {@code max-keys}, for a store that enforces it.
     * <p>
     * The default reads {@value #LAST_SEEN_KEY} to tell a live session from an absent one, then calls
     * {@link #setValues}: two steps, not atomic.
     *
     * @return whether this write created the session
     */
    default Uni<Boolean> writeValues(String storeKey, Map<String, String> values, boolean create) {
        return getValue(storeKey, LAST_SEEN_KEY).chain(seen -> {
            if (seen.isEmpty() && !create) {
                return Uni.createFrom().failure(new SessionEndedException());
            }
            return setValues(storeKey, values).replaceWith(seen.isEmpty());
        });
    }

    /**
     * Nova's {@code delete_value/1}: removes the whole session.
     */
    Uni<Void> deleteValue(String storeKey);

    /**
     * Nova's {@code delete_value/2}: removes one key of a session. It never creates a session, and removes nothing
     * from a session that does not exist.
     */
    Uni<Void> deleteValue(String storeKey, String key);

    /**
     * Ends a session ({@link NovaSession#delete()}, an expired session): removes its data and, in a store that keeps
     * them, leaves an end marker that lives {@code idle-timeout}. A session that does not exist stays as it is: nothing
     * is written for it.
     * <p>
     * The default reads {@value #LAST_SEEN_KEY}, then calls {@link #deleteValue(String)} if the session exists.
     *
     * @return whether there was a session to end
     */
    default Uni<Boolean> endSession(String storeKey) {
        return getValue(storeKey, LAST_SEEN_KEY).chain(seen -> seen.isEmpty() ? Uni.createFrom().item(false)
                : deleteValue(storeKey).replaceWith(true));
    }

    /**
     * Moves a live session from one key to another, for id rotation ({@link NovaSession#rotate()}), in one step:
     * afterwards {@code newStoreKey} holds what {@code oldStoreKey} held, and {@code oldStoreKey} is ended as by
     * {@link #endSession}, so that a write still aimed at it fails with {@link SessionEndedException}.
     * <p>
     * A store that does not implement it still rotates: the build sees that, and the session layer then keeps the list
     * of a session's keys ({@value #KEYS_KEY}) and copies them. The default fails.
     *
     * @return whether there was a live session to move; false (and nothing changed) when it does not exist or ended
     */
    default Uni<Boolean> renameSession(String oldStoreKey, String newStoreKey) {
        return Uni.createFrom().failure(new UnsupportedOperationException(getClass().getName()
                + " does not implement NovaSessionStore.renameSession"));
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

    /**
     * For a store that several instances of the application share: the secret every instance signs session ids with
     * when {@code quarkus.nova-session.id-keys} is not set. It keeps {@code generated} if it holds no secret yet, in one
     * atomic step, and answers the secret it holds (which is {@code generated} for the first instance only).
     * <p>
     * The default, {@code null}, says the store keeps no secret: each instance then signs with its own random key,
     * which is right for a store of one instance only.
     *
     * @param generated a new random secret (256 bits, base64url)
     * @return the shared secret, or null
     */
    default Uni<String> sharedIdKey(String generated) {
        return null;
    }

    /**
     * The sessions logged in as one principal, for {@link NovaSessionRegistry} (authentication on sessions only): the
     * principal index, kept under {@code principalKey} apart from any session. Entries are the store key of a session
     * and what the session layer wrote for it (JSON text), in the order they were added. Entries may name sessions
     * that have ended since: the session layer checks each session and removes dead entries.
     * <p>
     * The built-in stores implement it; a custom store must implement this and
     * {@link #updatePrincipalSessions} for {@code quarkus.nova-session.auth.enabled=true} (start-up fails otherwise).
     *
     * @param principalKey SHA-256 of the principal name, hex; never a session's store key
     * @return the entries, empty when there are none
     */
    default Uni<Map<String, String>> principalSessions(String principalKey) {
        return Uni.createFrom().failure(new UnsupportedOperationException(getClass().getName()
                + " keeps no principal index: implement NovaSessionStore.principalSessions and updatePrincipalSessions"));
    }

    /**
     * Changes a principal's entries in one atomic step: {@code change} gets the current entries (insertion order, a
     * copy it may modify) and returns the new ones, which replace them only if nobody changed them meanwhile; otherwise
     * the store calls {@code change} again on what it finds. {@code change} must have no side effect, as it may run
     * more than once. An empty result removes the principal's index. The index lives for {@code lifespan} after the
     * update (the longest a session logged in now can live), so that an index whose sessions are all gone leaves the
     * store on its own.
     *
     * @return the entries as stored
     */
    default Uni<Map<String, String>> updatePrincipalSessions(String principalKey,
            UnaryOperator<Map<String, String>> change, Duration lifespan) {
        return Uni.createFrom().failure(new UnsupportedOperationException(getClass().getName()
                + " keeps no principal index: implement NovaSessionStore.principalSessions and updatePrincipalSessions"));
    }
}
