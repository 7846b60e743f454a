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
 * completes before it returns. Ending or renaming a session is O(1).
 * <p>
 * Heap is what limits a memory store, so sessions are kept small: a session key of the session layer as its 32 bytes
 * ({@link DigestKey}), and a session of a few short values packed into one byte array ({@link PackedSession}), which a
 * get scans in place and a set replaces, copying at most {@link PackedSession#MAX_BYTES}. A session that outgrows it
 * becomes a concurrent map, where a get or set touches one key and never copies the session.
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
    /** The end marker: one shared object, told apart by identity. */
    private static final Object END_MARKER = new Object();

    /** Keys: {@link DigestKey#of}; values: a packed session (byte[]), a {@link SessionMap}, or {@link #END_MARKER}. */
    private final Cache<Object, Object> sessions;
    private final ConcurrentMap<Object, Object> map;
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
        Map<?, ?> kept = DevModeCarryOver.takeMemorySessions();
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
                // the cache's upkeep after a write runs on the writing thread, a bounded share of it at a time: handed
                // to the common pool, every write woke one of its threads, a context switch per request on few cores
                .executor(Runnable::run)
                // expired sessions leave (and their events fire) on time, not only when the cache is next used
                .scheduler(Scheduler.systemScheduler())
                .removalListener(this::removed)
                .build();
        this.map = sessions.asMap();
    }

    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        String value = value(sessions.getIfPresent(DigestKey.of(storeKey)), key);
        return value == null ? ABSENT : Uni.createFrom().item(Optional.of(value));
    }

    @Override
    public Uni<List<Optional<String>>> getValues(String storeKey, List<String> keys) {
        Object session = sessions.getIfPresent(DigestKey.of(storeKey));
        if (session == END_MARKER) {
            return Uni.createFrom().failure(ENDED);
        }
        List<Optional<String>> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(Optional.ofNullable(value(session, key)));
        }
        return Uni.createFrom().item(values);
    }

    /**
     * @param session a live session, the end marker or null
     */
    private static String value(Object session, String key) {
        if (session instanceof byte[] packed) {
            return PackedSession.get(packed, key);
        }
        return session instanceof SessionMap values ? values.get(key) : null;
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
        map.compute(DigestKey.of(storeKey), write);
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
        map.computeIfPresent(DigestKey.of(storeKey), (k, session) -> {
            if (session instanceof byte[] packed) {
                return PackedSession.without(packed, key);
            }
            if (session instanceof SessionMap values) {
                values.remove(key);
            }
            return session;
        });
        return DONE;
    }

    @Override
    public Uni<Boolean> endSession(String storeKey) {
        boolean[] existed = new boolean[1];
        map.computeIfPresent(DigestKey.of(storeKey), (k, session) -> {
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
        List<Object> moved = new ArrayList<>(1);
        map.computeIfPresent(DigestKey.of(oldStoreKey), (k, session) -> {
            if (session != END_MARKER) {
                moved.add(session);
            }
            return END_MARKER;
        });
        if (moved.isEmpty()) {
            return FALSE;
        }
        // nobody knows the new key yet (its id has not left this request): a plain put cannot race
        sessions.put(DigestKey.of(newStoreKey), moved.get(0));
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
        Map<String, String> values = copy(map.get(DigestKey.of(storeKey)));
        return Uni.createFrom().item(Optional.ofNullable(values));
    }

    /**
     * @return a sorted copy of a live session's keys and values, or null for the end marker or null
     */
    private static Map<String, String> copy(Object session) {
        if (session instanceof byte[] packed) {
            return new TreeMap<>(PackedSession.toMap(packed));
        }
        return session instanceof SessionMap values ? new TreeMap<>(values) : null;
    }

    /**
     * Every live session, for the Dev UI, in no particular order and without touching their idle time.
     *
     * @param visitor called with each session's store key, the time it was created in this store (epoch milliseconds)
     *        and a copy of its keys and values
     */
    public void forEachSession(SessionVisitor visitor) {
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            Object session = entry.getValue();
            Map<String, String> values = copy(session);
            if (values != null) {
                long created = session instanceof byte[] packed ? PackedSession.created(packed)
                        : ((SessionMap) session).created;
                visitor.visit(DigestKey.text(entry.getKey()), created, values);
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
        for (Object session : map.values()) {
            if (session != END_MARKER) {
                live++;
            }
        }
        return live;
    }

    private void removed(Object key, Object session, RemovalCause cause) {
        if (session == END_MARKER || events == null && cause != RemovalCause.SIZE) {
            return;
        }
        String storeKey = DigestKey.text(key);
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
     * A session too large to pack, with the time the session was created: rotation moves the map, and with it that
     * time, as it keeps the session's start.
     */
    private static final class SessionMap extends ConcurrentHashMap<String, String> {

        private static final long serialVersionUID = 1L;

        final long created;

        SessionMap(long created, Map<String, String> values) {
            super(Math.max(16, values.size() * 2));
            this.created = created;
            putAll(values);
        }
    }

    /**
     * One write, applied inside the cache's atomic compute of its session.
     */
    private final class Write implements java.util.function.BiFunction<Object, Object, Object> {

        private final Map<String, String> values;
        private final boolean create;
        boolean created;
        RuntimeException failure;

        Write(Map<String, String> values, boolean create) {
            this.values = values;
            this.create = create;
        }

        @Override
        public Object apply(Object storeKey, Object session) {
            if (session == END_MARKER || (session == null && !create)) {
                failure = ENDED;
                return session;
            }
            Object target = session == null ? PackedSession.empty(System.currentTimeMillis()) : session;
            SessionLimitException refusal = target instanceof byte[] packed
                    ? StoreLimits.keysRefusal(values.keySet(), key -> PackedSession.contains(packed, key),
                            PackedSession.size(packed), maxKeys)
                    : StoreLimits.keysRefusal(values.keySet(), ((SessionMap) target)::containsKey,
                            ((SessionMap) target).size(), maxKeys);
            if (refusal != null) {
                failure = refusal;
                return session;
            }
            created = session == null;
            if (target instanceof byte[] packed) {
                byte[] written = PackedSession.with(packed, values);
                if (written != null) {
                    return written;
                }
                // outgrown: from now on a map, whose writes never copy the session
                target = new SessionMap(PackedSession.created(packed), PackedSession.toMap(packed));
            }
            ((SessionMap) target).putAll(values);
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
