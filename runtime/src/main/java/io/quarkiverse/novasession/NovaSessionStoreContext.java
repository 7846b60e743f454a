package io.quarkiverse.novasession;

import java.time.Duration;

/**
 * What a {@link NovaSessionStore} may need from the session layer: the limits it should enforce where only it can
 * count, and a way to report the sessions it ended on its own (its own expiry, its own eviction), so that the
 * application's observers of {@link NovaSessionExpired} and {@link NovaSessionDestroyed} hear of them. Inject it into
 * a custom store like any bean.
 */
public interface NovaSessionStoreContext {

    /**
     * @return {@code quarkus.nova-session.max-keys}: a write of a new key past it should fail with
     *         {@link SessionLimitException} (the key {@link NovaSessionStore#LAST_SEEN_KEY} does not count)
     */
    int maxKeys();

    /**
     * @return {@code quarkus.nova-session.max-value-size}, in characters; the session layer already refuses larger
     *         values before they reach the store
     */
    int maxValueSize();

    /**
     * @return {@code quarkus.nova-session.idle-timeout}: how long an untouched session should live in the store, and
     *         how long an end marker must live ({@link NovaSessionStore#endSession})
     */
    Duration idleTimeout();

    /**
     * @return {@code quarkus.nova-session.absolute-timeout}: no session lives longer, whatever the store does
     */
    Duration absoluteTimeout();

    /**
     * Reports a session the store expired on its own: fires {@link NovaSessionExpired}. Call it once per expiry; never
     * for an end marker.
     *
     * @param storeKey the key the store kept the session under
     */
    void expired(String storeKey);

    /**
     * Reports a live session the store dropped to make room: fires {@link NovaSessionDestroyed} with cause
     * {@link NovaSessionDestroyed.Cause#EVICTED}.
     *
     * @param storeKey the key the store kept the session under
     */
    void evicted(String storeKey);
}
