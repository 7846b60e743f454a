package io.quarkiverse.novasession.it.infinispan;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Hot Rod operations the application made on the caches of its default client, by kind, counted by
 * {@link CountingRemoteCacheManager} as they leave for the cluster: what a request costs the cluster, measured outside
 * the session store.
 */
public final class HotRodCalls {

    /**
     * The {@code RemoteCache} methods that each send one request to the cluster, by the name a count is reported
     * under. A synchronous method and its asynchronous twin are the same request.
     */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("getWithMetadata", "GET_WITH_METADATA"),
            Map.entry("getWithMetadataAsync", "GET_WITH_METADATA"),
            Map.entry("putIfAbsent", "PUT_IF_ABSENT"),
            Map.entry("putIfAbsentAsync", "PUT_IF_ABSENT"),
            Map.entry("replaceWithVersion", "REPLACE_WITH_VERSION"),
            Map.entry("replaceWithVersionAsync", "REPLACE_WITH_VERSION"),
            Map.entry("replace", "REPLACE"),
            Map.entry("replaceAsync", "REPLACE"),
            Map.entry("put", "PUT"),
            Map.entry("putAsync", "PUT"),
            Map.entry("remove", "REMOVE"),
            Map.entry("removeAsync", "REMOVE"),
            Map.entry("get", "GET"),
            Map.entry("getAsync", "GET"),
            Map.entry("size", "SIZE"),
            Map.entry("sizeAsync", "SIZE"));

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * Counts one call of the {@code RemoteCache} method {@code method}, if it is one that sends a request.
     */
    void called(String method) {
        String kind = KINDS.get(method);
        if (kind != null) {
            counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }

    /**
     * @return the number of calls of each kind made so far, in the order of the kinds' names; kinds never made are
     *         absent
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }
}
