package io.quarkiverse.novasession;

/**
 * CDI event: a session's data was removed on purpose, or its id was retired. Observe it with {@code @Observes} (on the
 * thread that removed it, possibly an event loop: do not block) or {@code @ObservesAsync} (on a worker thread).
 *
 * @param storeKey the store key of the session that is gone (for {@link Cause#ROTATED}, of the old id)
 * @param cause why it is gone
 */
public record NovaSessionDestroyed(String storeKey, Cause cause) {

    /**
     * Why a session was destroyed.
     */
    public enum Cause {
        /** {@link NovaSession#delete()}: a logout, typically. */
        DELETED,
        /** {@link NovaSession#rotate()}: the data lives on under a new id ({@code storeKey} is the old one's). */
        ROTATED,
        /** The memory store was full ({@code quarkus.nova-session.memory.max-sessions}) and dropped its least used session. */
        EVICTED,
        /**
         * Ended by authentication on sessions: {@code NovaSessionLogin.logout()}, {@code NovaSessionRegistry}'s
         * {@code logout} or {@code logoutEverywhere}, or a login over {@code max-sessions-per-principal}.
         */
        LOGOUT
    }
}
