package io.quarkiverse.novasession.test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.smallrye.mutiny.Uni;

/**
 * An application store that hands every call to a {@link MemoryNovaSessionStore}, overriding every operation the
 * session layer uses (so it renames, and keeps no key list), and records the calls that change a session: what a
 * request wrote, in how many store calls, as {@code write <storeKey> [<keys, sorted>] create=<create>},
 * {@code end <storeKey>} and {@code rename <old> <new>}.
 */
public class WriteRecordingMemoryStore implements NovaSessionStore {

    public static final List<String> WRITES = new CopyOnWriteArrayList<>();

    private final MemoryNovaSessionStore data = new MemoryNovaSessionStore();

    /**
     * @return the key set of a write as recorded
     */
    public static String write(String storeKey, boolean create, String... keys) {
        return "write " + storeKey + " " + new TreeSet<>(List.of(keys)) + " create=" + create;
    }

    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        return data.getValue(storeKey, key);
    }

    @Override
    public Uni<List<Optional<String>>> getValues(String storeKey, List<String> keys) {
        return data.getValues(storeKey, keys);
    }

    @Override
    public Uni<Void> setValue(String storeKey, String key, String value) {
        return writeValues(storeKey, Map.of(key, value), true).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> writeValues(String storeKey, Map<String, String> values, boolean create) {
        WRITES.add(write(storeKey, create, values.keySet().toArray(String[]::new)));
        return data.writeValues(storeKey, values, create);
    }

    @Override
    public Uni<Void> deleteValue(String storeKey) {
        return endSession(storeKey).replaceWithVoid();
    }

    @Override
    public Uni<Void> deleteValue(String storeKey, String key) {
        return data.deleteValue(storeKey, key);
    }

    @Override
    public Uni<Boolean> endSession(String storeKey) {
        WRITES.add("end " + storeKey);
        return data.endSession(storeKey);
    }

    @Override
    public Uni<Boolean> renameSession(String oldStoreKey, String newStoreKey) {
        WRITES.add("rename " + oldStoreKey + " " + newStoreKey);
        return data.renameSession(oldStoreKey, newStoreKey);
    }

    @Override
    public boolean completesImmediately() {
        return true;
    }

    /**
     * @return the session's last-seen time as stored (epoch milliseconds), or -1 when it holds none
     */
    public long lastSeen(String storeKey) {
        return data.getValue(storeKey, LAST_SEEN_KEY).await().indefinitely().map(Long::parseLong).orElse(-1L);
    }

    /**
     * @return whether the store holds a live session under {@code storeKey}
     */
    public boolean live(String storeKey) {
        return data.sessionValues(storeKey).await().indefinitely().isPresent();
    }

    /**
     * @return whether the store keeps the end marker of a session under {@code storeKey}
     */
    public boolean endMarked(String storeKey) {
        return data.getValues(storeKey, List.of(LAST_SEEN_KEY)).map(values -> false)
                .onFailure(SessionEndedException.class).recoverWithItem(true).await().indefinitely();
    }
}
