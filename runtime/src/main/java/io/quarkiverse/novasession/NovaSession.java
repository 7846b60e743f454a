package io.quarkiverse.novasession;

import java.util.Optional;

/**
 * The session of the current HTTP request, for blocking code (Quarkus REST methods that do not return a {@code Uni},
 * worker threads, other beans called from them).
 * <p>
 * Every request has a session: the extension gives each visitor a {@code session_id} cookie before the application
 * runs. Values are stored as JSON text written with the application's Jackson {@code ObjectMapper}, so a stored value is
 * a copy: changing the object after {@link #set(String, Object)} changes nothing stored.
 * <p>
 * Event-loop code uses {@link ReactiveNovaSession} instead. Called on an event loop with a store that may block, every
 * method fails at once with an {@link IllegalStateException}.
 * <p>
 * Outside an HTTP request, or with {@code quarkus.nova-session.enabled=false}, every method throws
 * {@link SessionIdNotSetException}.
 */
public interface NovaSession {

    /**
     * @return the current request's session id (the value of the session cookie, or the id issued to this request);
     *         null with {@code quarkus.nova-session.create=lazy} while the visitor has no session yet
     */
    String id();

    /**
     * @return the key the store keeps this session under: a SHA-256 of {@link #id()}, the same as in the lifecycle
     *         events ({@link NovaSessionCreated} ...). Safe to log or to keep (for example to find a user's sessions),
     *         since it cannot be turned back into a cookie; null when {@link #id()} is
     */
    String storeKey();

    /**
     * Reads a value.
     *
     * @param key the key, neither null nor empty
     * @param type the type to read the stored JSON as
     * @return the value, or empty when the session or the key does not exist
     * @throws IllegalArgumentException when the key is null or empty
     * @throws SessionValueException when the stored value cannot be read as {@code type}
     */
    <T> Optional<T> get(String key, Class<T> type);

    /**
     * Stores a copy of a value under a key, replacing any previous value. The first write of a session creates it
     * under the request's id.
     *
     * @param key the key, neither null nor empty
     * @param value the value, not null; anything Jackson can write and read back
     * @throws IllegalArgumentException when the key is null or empty, or the value is null
     * @throws SessionValueException when the value cannot be written as JSON
     * @throws SessionLimitException when the key, the value or the number of keys is over its limit; nothing is stored
     * @throws SessionEndedException when another request ended the session after this one read it; nothing is stored
     */
    void set(String key, Object value);

    /**
     * Removes one key; the other keys of the session stay.
     *
     * @param key the key, neither null nor empty
     * @throws IllegalArgumentException when the key is null or empty
     */
    void delete(String key);

    /**
     * Gives the session a new id, keeping its data: the old id is dead at once, and this response sets the new cookie.
     * Call it on every login and every change of privilege, so that an id planted or seen before cannot ride the
     * upgraded session (session fixation).
     *
     * @return the new id
     */
    String rotate();

    /**
     * Ends the whole session: its data leaves the store and the session cookie expires on this response. The old id is
     * dead for good: a later request that still sends it gets a fresh session, and a write from another request that
     * read the session before this delete fails with {@link SessionEndedException} instead of bringing it back. A
     * value set later in this same request starts a new session with a new id and cookie. Deleting a session that
     * holds nothing costs no write.
     */
    void delete();
}
