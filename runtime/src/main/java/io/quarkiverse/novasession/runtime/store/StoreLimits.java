package io.quarkiverse.novasession.runtime.store;

import java.util.Collection;
import java.util.function.Predicate;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionLimitException;

/**
 * The limits the built-in stores enforce where only they can count: the keys of a session.
 */
public final class StoreLimits {

    private StoreLimits() {
    }

    /**
     * Checks a write of {@code keys} to a session against {@code max-keys}: the session layer's own key does not count,
     * and a key the session already holds is an overwrite, always allowed.
     *
     * @param keys the keys the write sets
     * @param present whether the session already holds a key
     * @param size how many keys the session holds, its last-seen time included
     * @return the failure to report, or null when the write fits
     */
    public static SessionLimitException keysRefusal(Collection<String> keys, Predicate<String> present, int size,
            int maxKeys) {
        int newKeys = 0;
        for (String key : keys) {
            if (!key.equals(NovaSessionStore.LAST_SEEN_KEY) && !present.test(key)) {
                newKeys++;
            }
        }
        int applicationKeys = size - (present.test(NovaSessionStore.LAST_SEEN_KEY) ? 1 : 0);
        return newKeys > 0 && applicationKeys + newKeys > maxKeys ? tooManyKeys(keys, present, maxKeys) : null;
    }

    /**
     * @param keys the keys of the refused write
     * @return a failure naming the first new application key of a write that would take a session past
     *         {@code max-keys}: the one that does not fit
     */
    private static SessionLimitException tooManyKeys(Iterable<String> keys, Predicate<String> present, int maxKeys) {
        String key = null;
        for (String candidate : keys) {
            if (!candidate.equals(NovaSessionStore.LAST_SEEN_KEY) && !present.test(candidate)) {
                key = candidate;
                break;
            }
        }
        return new SessionLimitException(key, "Session key '" + key + "' would be one key too many: a session holds at"
                + " most quarkus.nova-session.max-keys=" + maxKeys + " keys. Nothing was stored");
    }
}
