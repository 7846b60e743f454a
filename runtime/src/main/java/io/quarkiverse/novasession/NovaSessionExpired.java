package io.quarkiverse.novasession;

/**
 * CDI event: a session expired, idle for longer than {@code quarkus.nova-session.idle-timeout} or older than
 * {@code quarkus.nova-session.absolute-timeout}, and its data is gone. Observe it with {@code @Observes} (do not block)
 * or {@code @ObservesAsync} (on a worker thread).
 * <p>
 * Where it fires: the memory store fires it when its cache drops the session; the Infinispan store on every running
 * instance of the application when the cluster expires the entry (a Hot Rod client listener); and, for every store, on
 * the instance a visitor returns to with an expired session. An expiry is reported once by each of these that sees it,
 * so an observer that must act exactly once should be idempotent.
 *
 * @param storeKey the store key of the expired session
 */
public record NovaSessionExpired(String storeKey) {
}
