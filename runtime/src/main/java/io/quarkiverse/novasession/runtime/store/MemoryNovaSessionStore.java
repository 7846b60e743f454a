package io.quarkiverse.novasession.runtime.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;

import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.SessionEvents;
import io.smallrye.mutiny.Uni;

/**
 * Nova's ETS table for one node, made safe to leave running: a Caffeine cache of sessions, each a concurrent map of
 * keys. Sessions expire after {@code idle-timeout} without access (Caffeine's own expiry, run by its scheduler: no
 * thread of ours), and the cache never holds more than {@code memory.max-sessions}. Nothing blocks and every operation
 * completes before it returns. A get or set touches one key and never copies the session; deleting a session drops its
 * map in O(1).
 */
public class MemoryNovaSessionStore implements NovaSessionStore {

    private static final Logger LOG = Logger.getLogger(MemoryNovaSessionStore.class);
    private static final Uni<Optional<String>> ABSENT = Uni.createFrom().item(Optional.empty());
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();
    private static final long EVICTION_LOG_INTERVAL_MILLIS = 60_000;

    private final Cache<String, Map<String, String>> sessions;
    private final int maxSessions;
    private final int maxKeys;
    private final SessionEvents events;
    private final LongAdder evictedSinceLastLog = new LongAdder();
    private final AtomicLong lastEvictionLog = new AtomicLong();

    /**
     * A store with the default limits and no lifecycle events, for use outside CDI (a delegate, a benchmark).
     */
    public MemoryNovaSessionStore() {
        this(100_000, 100, Duration.ofMinutes(30), null);
    }

    @Inject
    public MemoryNovaSessionStore(NovaSessionConfig config, SessionEvents events) {
        this(config.memory().maxSessions(), config.maxKeys(), config.idleTimeout(), events);
    }

    public MemoryNovaSessionStore(int maxSessions, int maxKeys, Duration idleTimeout, SessionEvents events) {
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
    }

    @Override
    public Uni<Optional<String>> getValue(String sessionId, String key) {
        Map<String, String> session = sessions.getIfPresent(sessionId);
        String value = session == null ? null : session.get(key);
        return value == null ? ABSENT : Uni.createFrom().item(Optional.of(value));
    }

    @Override
    public Uni<List<Optional<String>>> getValues(String sessionId, List<String> keys) {
        Map<String, String> session = sessions.getIfPresent(sessionId);
        List<Optional<String>> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(session == null ? Optional.empty() : Optional.ofNullable(session.get(key)));
        }
        return Uni.createFrom().item(values);
    }

    @Override
    public Uni<Void> setValue(String sessionId, String key, String value) {
        return setValues(sessionId, Map.of(key, value));
    }

    @Override
    public Uni<Void> setValues(String sessionId, Map<String, String> values) {
        Map<String, String> session = sessions.get(sessionId, id -> new ConcurrentHashMap<>());
        SessionLimitException refusal = StoreLimits.keysRefusal(values.keySet(), session::containsKey, session.size(),
                maxKeys);
        if (refusal != null) {
            return Uni.createFrom().failure(refusal);
        }
        session.putAll(values);
        return DONE;
    }

    @Override
    public Uni<Void> deleteValue(String sessionId) {
        sessions.invalidate(sessionId);
        return DONE;
    }

    @Override
    public Uni<Void> deleteValue(String sessionId, String key) {
        Map<String, String> session = sessions.getIfPresent(sessionId);
        if (session != null) {
            session.remove(key);
        }
        return DONE;
    }

    @Override
    public Uni<Boolean> renameSession(String oldSessionId, String newSessionId) {
        Map<String, String> session = sessions.asMap().remove(oldSessionId);
        if (session != null) {
            sessions.put(newSessionId, session);
        }
        return Uni.createFrom().item(session != null);
    }

    /**
     * Drops every session when the application stops, so that no expiry (and no event) fires after it.
     */
    @PreDestroy
    void stop() {
        sessions.asMap().clear();
    }

    @Override
    public boolean completesImmediately() {
        return true;
    }

    /**
     * @return how many sessions the store holds
     */
    public long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    private void removed(String sessionId, Map<String, String> session, RemovalCause cause) {
        if (cause == RemovalCause.EXPIRED) {
            if (events != null) {
                events.expired(sessionId);
            }
        } else if (cause == RemovalCause.SIZE) {
            evictedSinceLastLog.increment();
            long now = System.currentTimeMillis();
            long last = lastEvictionLog.get();
            if (now - last >= EVICTION_LOG_INTERVAL_MILLIS && lastEvictionLog.compareAndSet(last, now)) {
                LOG.warnf("The memory session store is full (quarkus.nova-session.memory.max-sessions=%d): it dropped"
                        + " %d of its least used sessions since the last warning. Raise max-sessions, lower "
                        + "idle-timeout, or use a shared store", maxSessions, evictedSinceLastLog.sumThenReset());
            }
            if (events != null) {
                events.destroyed(sessionId, NovaSessionDestroyed.Cause.EVICTED);
            }
        }
    }
}
