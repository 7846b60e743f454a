package io.quarkiverse.novasession;

import java.util.List;

/**
 * The sessions each principal is logged in with, across every instance that shares the store ("my devices", "log out
 * everywhere"). Injectable with {@code quarkus.nova-session.auth.enabled=true}; blocking (call it from a worker thread,
 * as Quarkus REST does for blocking endpoints).
 * <p>
 * The list is exact: a session leaves it when it ends in any way (logout, delete, expiry, eviction), and rotation moves
 * it to its new store key. Nothing of a principal stays in the store once their sessions are gone.
 */
public interface NovaSessionRegistry {

    /**
     * @return the live sessions of {@code principal}, most recently seen first; empty for an unknown principal
     */
    List<NovaSessionInfo> sessionsOf(String principal);

    /**
     * Ends every session of {@code principal} at once: their next request is anonymous.
     *
     * @return how many live sessions ended
     */
    int logoutEverywhere(String principal);

    /**
     * Ends one session of {@code principal} ("log out that device"), named by its store key
     * ({@link NovaSessionInfo#storeKey()}).
     *
     * @return true if that session was live and logged in as {@code principal}, and is now ended; false otherwise
     *         (nothing is ended then: a store key of another principal is never touched)
     */
    boolean logout(String principal, String storeKey);
}
