package io.quarkiverse.novasession.runtime.store.infinispan;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.MetadataValue;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.runtime.store.PrincipalIndexJson;
import io.smallrye.mutiny.Uni;

/**
 * The principal index of authentication on sessions, in the session cache beside the sessions: one entry per
 * principal, a JSON object of store key to what the session layer keeps for it, changed only by a versioned
 * compare-and-set, so that logins of one principal on several instances never overwrite each other's entries and a
 * limit on sessions per principal is checked and applied in one step. Each index has a lifespan (no max-idle), renewed
 * on every change: once its sessions are gone, it leaves the cluster on its own.
 */
final class PrincipalIndexes {

    /** Keys of the index entries; a session's store key is hex, so none starts with this. */
    static final String PREFIX = "principal:";
    private static final int MAX_ATTEMPTS = 64;

    private final SessionCache cache;

    PrincipalIndexes(SessionCache cache) {
        this.cache = cache;
    }

    static boolean isIndex(Object key) {
        return key instanceof String text && text.startsWith(PREFIX);
    }

    Uni<Map<String, String>> entries(String principalKey) {
        String key = PREFIX + principalKey;
        return cache.call(remote -> remote.getAsync(key)).map(PrincipalIndexJson::parse);
    }

    Uni<Map<String, String>> update(String principalKey, UnaryOperator<Map<String, String>> change, Duration lifespan) {
        return attempt(PREFIX + principalKey, change, lifespan.toMillis(), 1);
    }

    private Uni<Map<String, String>> attempt(String key, UnaryOperator<Map<String, String>> change, long lifespanMillis,
            int attempt) {
        return cache.call(remote -> remote.getWithMetadataAsync(key)).chain(found -> {
            Map<String, String> next = change.apply(PrincipalIndexJson.parse(found == null ? null : found.getValue()));
            Uni<Boolean> written = write(key, found, next, lifespanMillis);
            return written.chain(done -> {
                if (done) {
                    return Uni.createFrom().item(next);
                }
                if (attempt >= MAX_ATTEMPTS) {
                    return Uni.createFrom().failure(new NovaSessionStoreException("The principal index changed "
                            + MAX_ATTEMPTS + " times while this login tried to update it", null));
                }
                return attempt(key, change, lifespanMillis, attempt + 1);
            });
        });
    }

    private Uni<Boolean> write(String key, MetadataValue<String> found, Map<String, String> next, long lifespanMillis) {
        if (found == null) {
            if (next.isEmpty()) {
                return Uni.createFrom().item(true);
            }
            String text = PrincipalIndexJson.text(next);
            return cache.call(remote -> remote.withFlags(Flag.FORCE_RETURN_VALUE)
                    .putIfAbsentAsync(key, text, lifespanMillis, TimeUnit.MILLISECONDS)).map(previous -> previous == null);
        }
        long version = found.getVersion();
        if (next.isEmpty()) {
            return cache.call(remote -> remote.removeWithVersionAsync(key, version));
        }
        String text = PrincipalIndexJson.text(next);
        return cache.call(remote -> remote.replaceWithVersionAsync(key, text, version, lifespanMillis,
                TimeUnit.MILLISECONDS, 0, TimeUnit.MILLISECONDS));
    }
}
