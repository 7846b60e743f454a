package io.quarkiverse.novasession.runtime.store.infinispan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CacheMode;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.InfinispanStoreConfig;
import io.quarkiverse.novasession.runtime.SessionEvents;
import io.quarkiverse.novasession.runtime.store.StoreLimits;
import io.quarkus.arc.Arc;
import io.quarkus.infinispan.client.runtime.InfinispanClientProducer;
import io.quarkus.infinispan.client.runtime.InfinispanClientUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Sessions in a remote Infinispan cluster, through the Quarkus Infinispan client (Hot Rod), so that every instance of
 * the application serves every session.
 * <p>
 * One cache entry per session, a JSON document (see {@link SessionDocument}). Writes are versioned conditional writes
 * ({@code replaceWithVersion}, {@code putIfAbsent}) retried on conflict, so concurrent writes of different keys through
 * different instances all survive. {@code delete()} replaces the document with a marker that no write can overwrite,
 * so a deleted session stays deleted. Every call is asynchronous.
 * <p>
 * Cost per operation: a get is one {@code getWithMetadata}. The version it returns is remembered, so a set or
 * delete(key) that follows it is one conditional write; otherwise it first reads. Deleting a session is one
 * {@code put}, whatever its size.
 */
public class InfinispanNovaSessionStore implements NovaSessionStore {

    private static final Logger LOG = Logger.getLogger(InfinispanNovaSessionStore.class);
    private static final int MAX_REMEMBERED_VERSIONS = 10_000;

    /** Hot Rod operations, counted: see {@link #hotRodCalls()}. */
    public enum Call {
        GET_WITH_METADATA,
        PUT_IF_ABSENT,
        REPLACE_WITH_VERSION,
        PUT_DELETED_MARKER
    }

    @Inject
    NovaSessionConfig config;
    @Inject
    SessionEvents events;

    private InfinispanStoreConfig settings;
    private long lifespanMillis;
    private RemoteCacheManager cacheManager;
    private final AtomicReference<CompletableFuture<RemoteCache<String, String>>> cache = new AtomicReference<>();
    /** The last version this instance saw of a session: lets a write skip its read. Only an optimisation: a stale one costs a retry. */
    private final Map<String, Snapshot> versions = new ConcurrentHashMap<>();
    private final Map<Call, LongAdder> calls = new EnumMap<>(Call.class);
    private final Map<String, WriteQueue> queues = new ConcurrentHashMap<>();
    private final AtomicReference<RemoteCache<String, String>> expiryListened = new AtomicReference<>();

    @PostConstruct
    void connect() {
        settings = config.infinispan();
        // Every write gives the entry idle-timeout to live, and the session layer writes a session in use at least once
        // per touch-interval: the cluster drops a session idle-timeout after its last write, which is when the session
        // layer considers it expired. Infinispan's max-idle would do the same at the price of a touch command to every
        // node on every read, which divided read throughput by three in the benchmark.
        lifespanMillis = config.idleTimeout().toMillis();
        for (Call call : Call.values()) {
            calls.put(call, new LongAdder());
        }
        String clientName = settings.clientName().orElse(InfinispanClientUtil.DEFAULT_INFINISPAN_CLIENT_NAME);
        InfinispanClientProducer producer = Arc.container().instance(InfinispanClientProducer.class).get();
        cacheManager = producer.getNamedRemoteCacheManager(clientName);
        if (cacheManager == null) {
            throw new IllegalStateException("No Infinispan client named '" + clientName
                    + "': configure quarkus.infinispan-client.\"" + clientName + "\".hosts, or unset "
                    + "quarkus.nova-session.infinispan.client-name to use the default client");
        }
        // in the background: the application starts even while the cluster is away, and uses it once it is back
        cache().subscribe().with(ready -> LOG.debugf("Session cache %s ready", settings.cacheName()),
                failure -> LOG.warnf("Session cache %s not reachable at start-up (%s): session requests answer 503 "
                        + "until it is", settings.cacheName(), failure.getMessage()));
    }

    @Override
    public Uni<Optional<String>> getValue(String sessionId, String key) {
        return read(sessionId).map(snapshot -> Optional.ofNullable(snapshot.valueOf(key)));
    }

    @Override
    public Uni<List<Optional<String>>> getValues(String sessionId, List<String> keys) {
        return read(sessionId).map(snapshot -> {
            List<Optional<String>> values = new ArrayList<>(keys.size());
            ObjectNode document = snapshot.readable() ? SessionDocument.parse(snapshot.text()) : null;
            for (String key : keys) {
                values.add(document == null ? Optional.empty() : SessionDocument.valueOf(document, key));
            }
            return values;
        });
    }

    @Override
    public Uni<Void> setValue(String sessionId, String key, String value) {
        return setValues(sessionId, Map.of(key, value));
    }

    /**
     * All the values in one conditional write: a new session's first value and its last-seen time cost one call.
     */
    @Override
    public Uni<Void> setValues(String sessionId, Map<String, String> values) {
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            parsed.put(entry.getKey(), SessionDocument.parseValue(entry.getValue()));
        }
        int maxKeys = config.maxKeys();
        return enqueue(sessionId, document -> {
            SessionLimitException refusal = StoreLimits.keysRefusal(parsed.keySet(), document::has, document.size(),
                    maxKeys);
            if (refusal != null) {
                throw refusal;
            }
            document.setAll(parsed);
            return true;
        });
    }

    @Override
    public Uni<Void> deleteValue(String sessionId, String key) {
        return enqueue(sessionId, document -> document.remove(key) != null);
    }

    /**
     * Replaces the session with a marker that stays {@code deleted-retention}. This instance removes the marker then
     * itself, so that the cluster's expiry, which would be reported as a session expiring, only ends markers whose
     * instance went away first (after twice the retention).
     */
    @Override
    public Uni<Void> deleteValue(String sessionId) {
        versions.remove(sessionId);
        long retentionMillis = config.idleTimeout().toMillis();
        return cache().chain(remote -> call(Call.PUT_DELETED_MARKER,
                () -> remote.putAsync(sessionId, SessionDocument.DELETED, 2 * retentionMillis, TimeUnit.MILLISECONDS))
                .invoke(ignored -> Infrastructure.getDefaultWorkerPool().schedule(
                        () -> remote.removeAsync(sessionId), retentionMillis, TimeUnit.MILLISECONDS)))
                .replaceWithVoid();
    }

    /**
     * Copies the document to the new key, then marks the old one deleted: a write still aimed at the old id fails its
     * version check against the marker and is dropped.
     */
    @Override
    public Uni<Boolean> renameSession(String oldSessionId, String newSessionId) {
        return read(oldSessionId).chain(snapshot -> {
            if (snapshot.absent() || snapshot.deleted()) {
                return Uni.createFrom().item(false);
            }
            return cache().chain(remote -> call(Call.PUT_IF_ABSENT,
                    () -> remote.withFlags(Flag.FORCE_RETURN_VALUE).putIfAbsentAsync(newSessionId, snapshot.text(),
                            lifespanMillis, TimeUnit.MILLISECONDS)))
                    .chain(ignored -> deleteValue(oldSessionId)).replaceWith(true);
        });
    }

    /**
     * @return how many Hot Rod calls of each kind this store made since start-up
     */
    public Map<Call, Long> hotRodCalls() {
        Map<Call, Long> counts = new EnumMap<>(Call.class);
        for (Map.Entry<Call, LongAdder> entry : calls.entrySet()) {
            counts.put(entry.getKey(), entry.getValue().sum());
        }
        return counts;
    }

    private Uni<Snapshot> read(String sessionId) {
        return cache().chain(remote -> call(Call.GET_WITH_METADATA, () -> remote.getWithMetadataAsync(sessionId)))
                .map(metadata -> remember(sessionId, Snapshot.of(metadata)));
    }

    /**
     * Queues a change of a session document. Changes of one session on this instance are written together, one
     * conditional write at a time (group commit): concurrent writers of one session then race only against other
     * instances, not against each other.
     */
    private Uni<Void> enqueue(String sessionId, Function<ObjectNode, Boolean> change) {
        PendingChange pending = new PendingChange(change);
        while (true) {
            WriteQueue queue = queues.computeIfAbsent(sessionId, id -> new WriteQueue());
            boolean startWriting;
            synchronized (queue) {
                if (queue.closed) {
                    continue;
                }
                queue.pending.add(pending);
                startWriting = !queue.writing;
                queue.writing = true;
            }
            if (startWriting) {
                drain(sessionId, queue);
            }
            return Uni.createFrom().completionStage(pending.done);
        }
    }

    private void drain(String sessionId, WriteQueue queue) {
        List<PendingChange> batch;
        synchronized (queue) {
            if (queue.pending.isEmpty()) {
                queue.writing = false;
                queue.closed = true;
                queues.remove(sessionId, queue);
                return;
            }
            batch = new ArrayList<>(queue.pending);
            queue.pending.clear();
        }
        update(sessionId, batch, settings.maxWriteAttempts()).subscribe().with(
                done -> {
                    for (PendingChange change : batch) {
                        if (change.refused != null) {
                            change.done.completeExceptionally(change.refused);
                        } else {
                            change.done.complete(null);
                        }
                    }
                    drain(sessionId, queue);
                },
                failure -> {
                    for (PendingChange change : batch) {
                        change.done.completeExceptionally(failure);
                    }
                    drain(sessionId, queue);
                });
    }

    /**
     * Applies {@code changes} to the session document with a conditional write, re-reading and retrying when another
     * instance got there first.
     */
    private Uni<Void> update(String sessionId, List<PendingChange> changes, int attemptsLeft) {
        Snapshot known = versions.get(sessionId);
        Uni<Snapshot> current = known != null ? Uni.createFrom().item(known) : read(sessionId);
        return current.chain(snapshot -> {
            if (snapshot.deleted()) {
                // deleted while this write was in flight: it stays deleted
                return Uni.createFrom().item(Boolean.TRUE);
            }
            ObjectNode document = snapshot.document();
            boolean changed = false;
            for (PendingChange change : changes) {
                if (change.refused != null) {
                    continue;
                }
                // a change refuses (a limit) before it changes anything, so a refused one leaves nothing behind
                try {
                    changed |= change.change.apply(document);
                } catch (SessionLimitException e) {
                    change.refused = e;
                }
            }
            if (!changed) {
                return Uni.createFrom().item(Boolean.TRUE);
            }
            return write(sessionId, snapshot, document.toString());
        }).chain(written -> {
            if (written) {
                return Uni.createFrom().voidItem();
            }
            versions.remove(sessionId);
            if (attemptsLeft <= 1) {
                return Uni.createFrom().failure(new NovaSessionStoreException("Session write lost "
                        + settings.maxWriteAttempts() + " races in a row against other writers of the same session",
                        null));
            }
            // a random pause, longer after each lost race, spreads writers that collided
            int lostRaces = settings.maxWriteAttempts() - attemptsLeft + 1;
            long pauseMillis = ThreadLocalRandom.current().nextLong(1, 2L << Math.min(lostRaces, 6));
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(pauseMillis))
                    .chain(ignored -> update(sessionId, changes, attemptsLeft - 1));
        });
    }

    private Uni<Boolean> write(String sessionId, Snapshot snapshot, String document) {
        versions.remove(sessionId);
        return cache().chain(remote -> {
            if (snapshot.absent()) {
                return call(Call.PUT_IF_ABSENT, () -> remote.withFlags(Flag.FORCE_RETURN_VALUE).putIfAbsentAsync(
                        sessionId, document, lifespanMillis, TimeUnit.MILLISECONDS))
                        .map(previous -> previous == null);
            }
            return call(Call.REPLACE_WITH_VERSION, () -> remote.replaceWithVersionAsync(sessionId, document,
                    snapshot.version(), lifespanMillis, TimeUnit.MILLISECONDS, 0, TimeUnit.MILLISECONDS));
        });
    }

    private Snapshot remember(String sessionId, Snapshot snapshot) {
        if (versions.size() >= MAX_REMEMBERED_VERSIONS) {
            versions.clear();
        }
        versions.put(sessionId, snapshot);
        return snapshot;
    }

    private <T> Uni<T> call(Call kind, Supplier<CompletableFuture<T>> operation) {
        calls.get(kind).increment();
        // after a failure, look the cache up (or create it) again: the cluster may have restarted without it
        return Uni.createFrom().completionStage(operation).onFailure().invoke(this::forgetCache);
    }

    /**
     * The session cache, created in the cluster if it lacks it. Creation is a blocking admin call, so it runs on a
     * worker thread; a failed attempt is forgotten, so the next operation tries again.
     */
    private Uni<RemoteCache<String, String>> cache() {
        CompletableFuture<RemoteCache<String, String>> ready = cache.get();
        if (ready == null || ready.isCompletedExceptionally()) {
            CompletableFuture<RemoteCache<String, String>> attempt = new CompletableFuture<>();
            if (cache.compareAndSet(ready, attempt)) {
                Infrastructure.getDefaultWorkerPool().execute(() -> {
                    try {
                        RemoteCache<String, String> remote = cacheManager.administration()
                                .getOrCreateCache(settings.cacheName(), new StringConfiguration(cacheDefinition()));
                        listenForExpiry(remote);
                        attempt.complete(remote);
                    } catch (RuntimeException e) {
                        attempt.completeExceptionally(e);
                    }
                });
            }
            ready = cache.get();
        }
        return Uni.createFrom().completionStage(ready);
    }

    /**
     * Reports the sessions the cluster expires as {@link io.quarkiverse.novasession.NovaSessionExpired} events, on this
     * instance: every instance registers its own listener, so every running instance observes every expiry.
     */
    private void listenForExpiry(RemoteCache<String, String> remote) {
        // the client re-registers its listeners when the cluster comes back: once per cache object is enough
        if (expiryListened.getAndSet(remote) != remote) {
            remote.addClientListener(new ExpiryListener(events));
        }
    }

    private void forgetCache() {
        CompletableFuture<RemoteCache<String, String>> current = cache.get();
        if (current != null && current.isDone()) {
            cache.compareAndSet(current, null);
        }
    }

    private String cacheDefinition() {
        String encoding = "<encoding media-type=\"application/x-protostream\"/><expiration interval=\""
                + settings.expirationInterval().toMillis() + "\"/>";
        if (settings.cacheMode() == CacheMode.DISTRIBUTED) {
            return "<distributed-cache name=\"" + settings.cacheName() + "\" mode=\"SYNC\" owners=\""
                    + settings.owners() + "\" statistics=\"true\">" + encoding + "</distributed-cache>";
        }
        return "<replicated-cache name=\"" + settings.cacheName() + "\" mode=\"SYNC\" statistics=\"true\">" + encoding
                + "</replicated-cache>";
    }

    /**
     * The changes of one session waiting for their write on this instance.
     */
    private static final class WriteQueue {
        final List<PendingChange> pending = new ArrayList<>();
        boolean writing;
        /** Drained and removed from the map: a new change must start a new queue. */
        boolean closed;
    }

    private static final class PendingChange {
        /** Changes the document and says whether it did; refuses with SessionLimitException before changing anything. */
        final Function<ObjectNode, Boolean> change;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        /** Set when the change would break a limit: it is left out of the write and fails alone. */
        volatile SessionLimitException refused;

        PendingChange(Function<ObjectNode, Boolean> change) {
            this.change = change;
        }
    }

    /**
     * A session document as read, with the version a conditional write needs.
     */
    private record Snapshot(String text, long version) {

        static Snapshot of(MetadataValue<String> metadata) {
            return metadata == null ? new Snapshot(null, 0) : new Snapshot(metadata.getValue(), metadata.getVersion());
        }

        boolean absent() {
            return text == null;
        }

        boolean deleted() {
            return SessionDocument.DELETED.equals(text);
        }

        ObjectNode document() {
            return absent() ? SessionDocument.empty() : SessionDocument.parse(text);
        }

        boolean readable() {
            return !absent() && !deleted();
        }

        String valueOf(String key) {
            return readable() ? SessionDocument.valueOf(SessionDocument.parse(text), key).orElse(null) : null;
        }
    }
}
