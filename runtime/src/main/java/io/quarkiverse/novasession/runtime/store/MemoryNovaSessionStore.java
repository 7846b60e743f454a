package io.quarkiverse.novasession.runtime.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.novasession.NovaSessionStore;
import io.smallrye.mutiny.Uni;

/**
 * Nova's ETS table for one node: a concurrent map of sessions, each a concurrent map of keys. Nothing blocks and every
 * operation completes before it returns. A get or set touches one key and never copies the session; deleting a session
 * drops its map in O(1).
 */
public class MemoryNovaSessionStore implements NovaSessionStore {

    private static final Uni<Optional<String>> ABSENT = Uni.createFrom().item(Optional.empty());
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final ConcurrentHashMap<String, Map<String, String>> sessions = new ConcurrentHashMap<>();

    @Override
    public Uni<Optional<String>> getValue(String sessionId, String key) {
        Map<String, String> session = sessions.get(sessionId);
        String value = session == null ? null : session.get(key);
        return value == null ? ABSENT : Uni.createFrom().item(Optional.of(value));
    }

    @Override
    public Uni<Void> setValue(String sessionId, String key, String value) {
        sessions.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>()).put(key, value);
        return DONE;
    }

    @Override
    public Uni<Void> deleteValue(String sessionId) {
        sessions.remove(sessionId);
        return DONE;
    }

    @Override
    public Uni<Void> deleteValue(String sessionId, String key) {
        Map<String, String> session = sessions.get(sessionId);
        if (session != null) {
            session.remove(key);
        }
        return DONE;
    }

    @Override
    public Uni<Void> renameSession(String oldSessionId, String newSessionId) {
        Map<String, String> session = sessions.remove(oldSessionId);
        if (session != null) {
            sessions.put(newSessionId, session);
        }
        return DONE;
    }

    @Override
    public boolean completesImmediately() {
        return true;
    }

    /**
     * @return how many sessions the store holds
     */
    public int size() {
        return sessions.size();
    }
}
