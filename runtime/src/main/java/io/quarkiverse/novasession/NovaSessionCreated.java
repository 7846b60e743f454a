package io.quarkiverse.novasession;

/**
 * CDI event: a session was written for the first time (the first {@code set} of a visitor, or the first after its
 * previous session was deleted or expired). Observe it with {@code @Observes} (on the thread of the request that wrote,
 * possibly an event loop: do not block) or {@code @ObservesAsync} (on a worker thread).
 *
 * @param storeKey the session's key in the store, as {@link NovaSession#storeKey()} returns it: a SHA-256 of the id,
 *        safe to log, never the cookie value
 */
public record NovaSessionCreated(String storeKey) {
}
