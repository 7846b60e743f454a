package io.quarkiverse.novasession.runtime.store;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionLimitException;

/**
 * The limits the built-in stores enforce where only they can count: the keys of a session.
 */
public final class StoreLimits {

    private StoreLimits() {
    }

    /**
     * @param keys the keys of the refused write
     * @return a failure naming the first application key of a write that would take a session past {@code max-keys}
     */
    public static SessionLimitException tooManyKeys(Iterable<String> keys, int maxKeys) {
        String key = null;
        for (String candidate : keys) {
            if (!candidate.equals(NovaSessionStore.LAST_SEEN_KEY)) {
                key = candidate;
                break;
            }
        }
        return new SessionLimitException(key, "Session key '" + key + "' would be one key too many: a session holds at"
                + " most quarkus.nova-session.max-keys=" + maxKeys + " keys. Nothing was stored");
    }
}
