package io.quarkiverse.novasession.runtime.store;

import java.util.Map;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * What a built-in store tells operators beyond the session SPI: how many sessions it holds, for the
 * {@code nova.sessions.active} gauge, the readiness check and the Dev UI, and what one session holds, for the Dev UI.
 * Neither is ever called on the request path.
 */
public interface InspectableStore {

    /**
     * @return the number of sessions, or of entries for a store that cannot tell a session from an end marker cheaply
     *         ({@link #countIsExact()})
     */
    Uni<Long> countSessions();

    /**
     * @return whether {@link #countSessions()} counts live sessions exactly (the memory store) rather than the entries
     *         of a remote cache, end markers and the shared id key included (Infinispan)
     */
    boolean countIsExact();

    /**
     * @return every key and value (JSON text) of one live session, the session layer's own keys included, or empty
     */
    Uni<Optional<Map<String, String>>> sessionValues(String storeKey);
}
