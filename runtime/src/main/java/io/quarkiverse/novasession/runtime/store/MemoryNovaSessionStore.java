package io.quarkiverse.novasession.runtime.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.NovaSessionStoreContext;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.DevModeCarryOver;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.ThrottledLog;
import io.smallrye.mutiny.Uni;

/**
 * Nova's ETS table for one node, made safe to leave running: a Caffeine cache of sessions, each a concurrent map of
 * keys. Sessions expire after {@code idle-timeout} without access (Caffeine's own expiry, run by its scheduler: no
 * thread of ours), and the cache never holds more than {@code memory.max-sessions}. Nothing blocks and every operation
 * completes before it returns. A get or set touches one key and never copies the session; ending or renaming a
 * session is O(1).
 * <p>
 * An ended session (deleted, rotated away, or found idle by the session layer) is replaced by an end marker, which
 * expires like a session: a write still aimed at it fails with {@link SessionEndedException}. Every change of a
 * session goes through the cache's atomic {@code compute}, so a write and the end of its session never interleave,
 * and a write never lands in a session the cache has just dropped.
 */
public class MemoryNovaSessionStore implements NovaSessionStore, InspectableStore {

    private static final Uni<Optional<String>> ABSENT = Uni.createFrom().item(Optional.empty());
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();
    private static final Uni<Boolean> TRUE = Uni.createFrom().item(true);
    private static final Uni<Boolean> FALSE = Uni.createFrom().item(false);
    private static final SessionEndedException ENDED = new SessionEndedException();
    /** The end marker: one shared, never-written map, told apart by identity. */
    private static final Map<String, String> END_MARKER = Map.of();

    private final Cache<String, Map<String, String>> sessions;
    private final ConcurrentMap<String, Map<String, String>> map;
    private final int maxSessions;
    private final int maxKeys;
    private final NovaSessionStoreContext events;
    private final ThrottledLog evictions = new ThrottledLog(MemoryNovaSessionStore.class);
    /** The principal index of authentication on sessions: empty unless it is on. */
    private final Cache<String, PrincipalIndex> principals = Caffeine.newBuilder()
            .expireAfter(new PrincipalIndexExpiry())
            .scheduler(Scheduler.systemScheduler())
            .build();

    /**
     * A store with the default limits and no lifecycle events, for use outside CDI (a delegate, a benchmark).
     */
    public MemoryNovaSessionStore() {
        this(100_000, 100, Duration.ofMinutes(30), null);
    }

    @Inject
    public MemoryNovaSessionStore(NovaSessionConfig config, NovaSessionStoreContext context) {
        this(config.memory().maxSessions(), context.maxKeys(), context.idleTimeout(), context);
        Map<String, Map<String, String>> kept = DevModeCarryOver.takeMemorySessions();
        if (kept != null) {
            // the sessions of the start before this dev-mode live reload: idle times start again, last-seen times not
            map.putAll(kept);
        }
    }

    /**
     * @param events where expiries and evictions are reported, or null
     */
    public MemoryNovaSessionStore(int maxSessions, int maxKeys, Duration idleTimeout, NovaSessionStoreContext events) {
        this.maxSessions = maxSessions;
        this.maxKeys = maxKeys;
        this.events = events;
        this.sessions = Caffeine.newBuilder()
                .maximumSize(maxSessions)
                .expireAfterAccess(idleTimeout)
                // expired sessions leave (and their events fire) on time, not only when the cache is next used
                .scheduler(Scheduler.systemScheduler())
                .removalListener(this::removed)
                .build();
        this.map = sessions.asMap();
    }

    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        Map<String, String> session = sessions.getIfPresent(storeKey);
        String value = session == null ? null : session.get(key);
        return value == null ? ABSENT : Uni.createFrom().item(Optional.of(value));
    }

    @Override
    public Uni<List<Optional<String>>> getValues(String storeKey, List<String> keys) {
        Map<String, String> session = sessions.getIfPresent(storeKey);
        if (session == END_MARKER) {
            return Uni.createFrom().failure(ENDED);
        }
        List<Optional<String>> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(session == null ? Optional.empty() : Optional.ofNullable(session.get(key)));
        }
        return Uni.createFrom().item(values);
    }

    @Override
    public Uni<Void> setValue(String storeKey, String key, String value) {
        return setValues(storeKey, Map.of(key, value));
    }

    @Override
    public Uni<Void> setValues(String storeKey, Map<String, String> values) {
        return writeValues(storeKey, values, true).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> writeValues(String storeKey, Map<String, String> values, boolean create) {
        Write write = new Write(values, create);
        map.compute(storeKey, write);
        if (write.failure != null) {
            return Uni.createFrom().failure(write.failure);
        }
        return write.created ? TRUE : FALSE;
    }

    @Override
    public Uni<Void> deleteValue(String storeKey) {
        return endSession(storeKey).replaceWithVoid();
    }

    @Override
    public Uni<Void> deleteValue(String storeKey, String key) {
        map.computeIfPresent(storeKey, (k, session) -> {
            if (session != END_MARKER) {
                session.remove(key);
            }
            return session;
        });
        return DONE;
    }

    @Override
    public Uni<Boolean> endSession(String storeKey) {
        boolean[] existed = new boolean[1];
        map.computeIfPresent(storeKey, (k, session) -> {
            existed[0] = session != END_MARKER;
            return END_MARKER;
        });
        return existed[0] ? TRUE : FALSE;
    }

    /**
     * The session's map moves to the new key as it is, and the old key gets the end marker, in one atomic step on the
     * old key: a write to the old key lands before (and moves with the map) or after (and fails), never in between.
     */
    @Override
    public Uni<Boolean> renameSession(String oldStoreKey, String newStoreKey) {
        List<Map<String, String>> moved = new ArrayList<>(1);
        map.computeIfPresent(oldStoreKey, (k, session) -> {
            if (session != END_MARKER) {
                moved.add(session);
            }
            return END_MARKER;
        });
        if (moved.isEmpty()) {
            return FALSE;
        }
        // nobody knows the new key yet (its id has not left this request): a plain put cannot race
        sessions.put(newStoreKey, moved.get(0));
        return TRUE;
    }

    /**
     * Drops every session when the application stops, so that no expiry (and no event) fires after it.
     */
    @PreDestroy
    void stop() {
        if (DevModeCarryOver.keeps()) {
            // a dev-mode live reload: the next start takes them over (end markers included, so ended ids stay ended)
            DevModeCarryOver.keepMemorySessions(new HashMap<>(map));
        }
        map.clear();
    }

    @Override
    public boolean completesImmediately() {
        return true;
    }

    @Override
    public Uni<Long> countSessions() {
        return Uni.createFrom().item(size());
    }

    @Override
    public boolean countIsExact() {
        return true;
    }

    @Override
    public Uni<Optional<Map<String, String>>> sessionValues(String storeKey) {
        Map<String, String> session = map.get(storeKey);
        if (session == null || session == END_MARKER) {
            return Uni.createFrom().item(Optional.empty());
        }
        return Uni.createFrom().item(Optional.of(new TreeMap<>(session)));
    }

    /**
     * Every live session, for the Dev UI, in no particular order and without touching their idle time.
     *
     * @param visitor called with each session's store key, the time it was created in this store (epoch milliseconds)
     *        and a copy of its keys and values
     */
    public void forEachSession(SessionVisitor visitor) {
        for (Map.Entry<String, Map<String, String>> entry : map.entrySet()) {
            Map<String, String> session = entry.getValue();
            if (session != END_MARKER) {
                visitor.visit(entry.getKey(), ((SessionMap) session).created, new TreeMap<>(session));
            }
        }
    }

    /**
     * See {@link #forEachSession}.
     */
    @FunctionalInterface
    public interface SessionVisitor {
        void visit(String storeKey, long created, Map<String, String> values);
    }

    /**
     * @return how many live sessions the store holds (end markers not counted)
     */
    public long size() {
        sessions.cleanUp();
        long live = 0;
        for (Map<String, String> session : map.values()) {
            if (session != END_MARKER) {
                live++;
            }
        }
        return live;
    }

    private void removed(String storeKey, Map<String, String> session, RemovalCause cause) {
        if (session == END_MARKER || events == null && cause != RemovalCause.SIZE) {
            return;
        }
        if (cause == RemovalCause.EXPIRED) {
            events.expired(storeKey);
        } else if (cause == RemovalCause.SIZE) {
            evictions.warn("The memory session store is full (quarkus.nova-session.memory.max-sessions=" + maxSessions
                    + "): it dropped %d of its least used sessions since the last warning. Raise max-sessions, lower "
                    + "idle-timeout, or use a shared store");
            if (events != null) {
                events.evicted(storeKey);
            }
        }
    }

    /**
     * A session's keys and values, with the time the session was created: rotation moves the map, and with it that
     * time, as it keeps the session's start.
     */
    private static final class SessionMap extends ConcurrentHashMap<String, String> {

        private static final long serialVersionUID = 1L;

        final long created = System.currentTimeMillis();
    }

    /**
     * One write, applied inside the cache's atomic compute of its session.
     */
    private final class Write implements java.util.function.BiFunction<String, Map<String, String>, Map<String, String>> {

        private final Map<String, String> values;
        private final boolean create;
        boolean created;
        RuntimeException failure;

        Write(Map<String, String> values, boolean create) {
            this.values = values;
            this.create = create;
        }

        @Override
        public Map<String, String> apply(String storeKey, Map<String, String> session) {
            if (session == END_MARKER || (session == null && !create)) {
                failure = ENDED;
                return session;
            }
            Map<String, String> target = session == null ? new SessionMap() : session;
            SessionLimitException refusal = StoreLimits.keysRefusal(values.keySet(), target::containsKey,
                    target.size(), maxKeys);
            if (refusal != null) {
                failure = refusal;
                return session;
            }
            target.putAll(values);
            created = session == null;
            return target;
        }
    }

    @Override
    public Uni<Map<String, String>> principalSessions(String principalKey) {
        PrincipalIndex index = principals.getIfPresent(principalKey);
        return Uni.createFrom().item(index == null ? Map.of() : index.entries());
    }

    /**
     * Applies {@code change} inside the cache's atomic {@code compute}: two logins of one principal never both see the
     * index as it was before the other.
     */
    @Override
    public Uni<Map<String, String>> updatePrincipalSessions(String principalKey,
            UnaryOperator<Map<String, String>> change, Duration lifespan) {
        PrincipalIndex updated = principals.asMap().compute(principalKey, (key, current) -> {
            Map<String, String> next = change.apply(new LinkedHashMap<>(current == null ? Map.of() : current.entries()));
            return next.isEmpty() ? null
                    : new PrincipalIndex(Collections.unmodifiableMap(new LinkedHashMap<>(next)), lifespan.toNanos());
        });
        return Uni.createFrom().item(updated == null ? Map.of() : updated.entries());
    }

    private record PrincipalIndex(Map<String, String> entries, long lifespanNanos) {
    }

    /** Each index lives its own lifespan from its last update; reading it does not extend it. */
    private static final class PrincipalIndexExpiry implements Expiry<String, PrincipalIndex> {

        @Override
        public long expireAfterCreate(String key, PrincipalIndex index, long currentTime) {
            return index.lifespanNanos();
        }

        @Override
        public long expireAfterUpdate(String key, PrincipalIndex index, long currentTime, long currentDuration) {
            return index.lifespanNanos();
        }

        @Override
        public long expireAfterRead(String key, PrincipalIndex index, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
