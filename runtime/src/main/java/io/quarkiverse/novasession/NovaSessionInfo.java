package io.quarkiverse.novasession;

import java.time.Instant;

/**
 * One live, logged-in session, as {@link NovaSessionRegistry#sessionsOf} lists it.
 *
 * @param storeKey the session's store key (SHA-256 of its id: never the id), for
 *        {@link NovaSessionRegistry#logout(String, String)}
 * @param loggedInAt when the principal logged in on this session
 * @param lastSeen the session's last-seen time (refreshed at most once per {@code touch-interval})
 * @param userAgent the {@code User-Agent} of the login request, or null
 * @param remoteAddress the client address of the login request (per Quarkus' proxy settings), or null
 */
public record NovaSessionInfo(String storeKey, Instant loggedInAt, Instant lastSeen, String userAgent,
        String remoteAddress) {
}
