package io.quarkiverse.novasession.runtime.store.infinispan;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.NovaSessionStoreContext;
import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.InfinispanStoreConfig;
import io.quarkiverse.novasession.runtime.store.InspectableStore;
import io.quarkiverse.novasession.runtime.store.StoreLimits;
import io.quarkiverse.novasession.runtime.store.infinispan.WriteQueues.Change;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.infinispan.client.InfinispanClientName;
import io.quarkus.infinispan.client.runtime.InfinispanClientUtil;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in a remote Infinispan cluster, through the Quarkus Infinispan client (Hot Rod), so that every instance of
 * the application serves every session.
 * <p>
 * One cache entry per session, a JSON document (see {@link SessionDocument}). Every operation that decides on what the
 * entry holds is decided by the cluster, in one conditional Hot Rod call: a first write is a {@code putIfAbsent}, a
 * later one a {@code replaceWithVersion} retried on conflict, ending a session a {@code replace} (only if it exists)
 * with the end marker. So concurrent writes of different keys through different instances all survive, a write never
 * brings back a session that ended, and a write the cluster acknowledged is never lost by a rename. Every call is
 * asynchronous.
 * <p>
 * Cost per operation: a get is one {@code getWithMetadata}. The version it returns is remembered, so a write that
 * follows it is one conditional write; otherwise it first reads, except a first write, which is one
 * {@code putIfAbsent} (and a read and a conditional write only if the entry exists after all). Ending a session is
 * one {@code replace}, whatever its size, and writes nothing for a session that does not exist.
 */
public class InfinispanNovaSessionStore implements NovaSessionStore, InspectableStore {

    private static final Logger LOG = Logger.getLogger(InfinispanNovaSessionStore.class);
    private static final int MAX_REMEMBERED_VERSIONS = 10_000;
    /**
     * Where the cluster keeps the shared id signing secret: never a store key, which is 43 base64url characters.
     */
    static final String ID_KEY = "nova-session:id-key";

    @Inject
    NovaSessionConfig config;
    @Inject
    NovaSessionBuildTimeConfig buildConfig;
    @Inject
    NovaSessionStoreContext events;

    private InfinispanStoreConfig settings;
    private long lifespanMillis;
    private SessionCache cache;
    private WriteQueues writes;
    private PrincipalIndexes principals;
    /**
     * The last version this instance saw of a live session: lets a write skip its read. Only an optimisation: a stale
     * one costs a retry. Absent and ended sessions are never remembered, so a decision to refuse a write is always
     * taken on a fresh read.
     */
    private final Map<String, Snapshot> versions = new ConcurrentHashMap<>();
    /** The shared id key this instance signs with, once {@link #sharedIdKey} answered it. */
    private volatile String keptIdKey;

    @PostConstruct
    void connect() {
        settings = config.infinispan();
        // Every write gives the entry idle-timeout to live, and the session layer writes a session in use at least once
        // per touch-interval: the cluster drops a session idle-timeout after its last write, which is when the session
        // layer considers it expired. Infinispan's max-idle would do the same at the price of a touch command to every
        // node on every read, which divided read throughput by three in the benchmark. An end marker lives as long:
        // past idle-timeout the session layer refuses the ended id by its last-seen time anyway.
        lifespanMillis = config.idleTimeout().toMillis();
        RemoteCacheManager cacheManager = client(buildConfig.infinispan().clientName());
        cache = new SessionCache(cacheManager, settings, events, recreated -> keepIdKeyAgain());
        principals = new PrincipalIndexes(cache);
        writes = new WriteQueues((storeKey, batch) -> update(storeKey, batch, settings.maxWriteAttempts()));
        // in the background: the application starts even while the cluster is away, and uses it once it is back
        cache.cache().subscribe().with(ready -> LOG.debugf("Session cache %s ready", settings.cacheName()),
                failure -> LOG.warnf("Session cache %s not reachable at start-up (%s): session requests answer 503 "
                        + "until it is", settings.cacheName(), failure.getMessage()));
    }

    /**
     * @return the value, or empty when the session does not exist or ended
     */
    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        return read(storeKey).map(snapshot -> snapshot.live()
                ? SessionDocument.values(snapshot.text(), List.of(key)).get(0)
                : Optional.empty());
    }

    /**
     * One {@code getWithMetadata}, decoding only the members asked for.
     */
    @Override
    public Uni<List<Optional<String>>> getValues(String storeKey, List<String> keys) {
        return read(storeKey).map(snapshot -> {
            if (snapshot.ended()) {
                throw new SessionEndedException();
            }
            if (snapshot.absent()) {
                return new ArrayList<>(Collections.nCopies(keys.size(), Optional.<String> empty()));
            }
            return SessionDocument.values(snapshot.text(), keys);
        });
    }

    @Override
    public Uni<Void> setValue(String storeKey, String key, String value) {
        return setValues(storeKey, Map.of(key, value));
    }

    /**
     * {@link #writeValues} that may create the session: it fails with {@link SessionEndedException} on an ended one.
     */
    @Override
    public Uni<Void> setValues(String storeKey, Map<String, String> values) {
        return writeValues(storeKey, values, true).replaceWithVoid();
    }

    /**
     * All the values in one conditional write, grouped with the other writes of the session queued on this instance:
     * a new session's first value and its last-seen time cost one call.
     */
    @Override
    public Uni<Boolean> writeValues(String storeKey, Map<String, String> values, boolean create) {
        Map<String, String> written = new LinkedHashMap<>(values);
        try {
            for (Map.Entry<String, String> value : written.entrySet()) {
                SessionDocument.checkValue(value.getKey(), value.getValue());
            }
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        return writes.change(storeKey, Change.write(written, create));
    }

    @Override
    public Uni<Void> deleteValue(String storeKey, String key) {
        return writes.change(storeKey, Change.removal(key)).replaceWithVoid();
    }

    @Override
    public Uni<Void> deleteValue(String storeKey) {
        return endSession(storeKey).replaceWithVoid();
    }

    /**
     * One {@code replace}, which the cluster applies only if the entry exists: a session that does not exist gets
     * nothing written, so logouts of made-up ids cost the cluster nothing. The marker lives {@code idle-timeout} and
     * then expires in the cluster, which fires no {@code NovaSessionExpired} for it (see {@link ExpiryListener}).
     */
    @Override
    public Uni<Boolean> endSession(String storeKey) {
        versions.remove(storeKey);
        return cache.call(remote -> remote.withFlags(Flag.FORCE_RETURN_VALUE).replaceAsync(storeKey,
                SessionDocument.END_MARKER, lifespanMillis, TimeUnit.MILLISECONDS))
                .map(previous -> previous != null && !SessionDocument.isEndMarker(previous));
    }

    /**
     * Copies the document to the new key, then ends the old key with a versioned write of the end marker. If a write
     * landed on the old key in between (from another instance: this instance's writes of the old key queue behind the
     * rename), the marker's version check fails, and the newer document is copied again before the next try: every
     * write the cluster acknowledged on the old key ends up under the new one, and every later one fails with
     * {@link SessionEndedException}.
     */
    @Override
    public Uni<Boolean> renameSession(String oldStoreKey, String newStoreKey) {
        return writes.alone(oldStoreKey, () -> read(oldStoreKey).chain(snapshot -> {
            if (!snapshot.live()) {
                return Uni.createFrom().item(false);
            }
            return cache.call(remote -> remote.withFlags(Flag.FORCE_RETURN_VALUE)
                    .putIfAbsentAsync(newStoreKey, snapshot.text(), lifespanMillis, TimeUnit.MILLISECONDS))
                    .chain(previous -> {
                        if (previous != null) {
                            return Uni.createFrom().failure(new NovaSessionStoreException(
                                    "Session rename refused: the new session key is taken", null));
                        }
                        return endRenamed(oldStoreKey, newStoreKey, snapshot, settings.maxWriteAttempts());
                    });
        }).eventually(() -> {
            versions.remove(oldStoreKey);
        }));
    }

    private Uni<Boolean> endRenamed(String oldStoreKey, String newStoreKey, Snapshot copied, int attemptsLeft) {
        return cache.call(remote -> remote.replaceWithVersionAsync(oldStoreKey,
                SessionDocument.END_MARKER, copied.version(), lifespanMillis, TimeUnit.MILLISECONDS, 0,
                TimeUnit.MILLISECONDS)).chain(ended -> {
                    if (ended) {
                        return Uni.createFrom().item(true);
                    }
                    return read(oldStoreKey).chain(current -> {
                        if (!current.live() || attemptsLeft <= 1) {
                            // nobody knows the new key yet: removing it takes nothing from anyone
                            Uni<Boolean> undone = cache.call(remote -> remote.removeAsync(newStoreKey))
                                    .replaceWith(false);
                            return current.live() ? undone.chain(ignored -> Uni.createFrom().failure(
                                    lostRaces("Session rename"))) : undone;
                        }
                        // nobody else writes the new key either: a plain put of the newer document is safe
                        return cache.call(remote -> remote.putAsync(newStoreKey, current.text(),
                                lifespanMillis, TimeUnit.MILLISECONDS))
                                .chain(ignored -> endRenamed(oldStoreKey, newStoreKey, current, attemptsLeft - 1));
                    });
                });
    }

    /**
     * Keeps {@code generated} under {@value #ID_KEY}, with no lifespan, unless the cluster already holds a secret
     * there: one {@code putIfAbsent}, so the instances that start at the same moment agree on the winner's.
     */
    @Override
    public Uni<String> sharedIdKey(String generated) {
        return cache.call(remote -> remote.withFlags(Flag.FORCE_RETURN_VALUE)
                .putIfAbsentAsync(ID_KEY, generated, -1, TimeUnit.MILLISECONDS))
                .map(previous -> {
                    if (previous == null) {
                        LOG.infof("Session id signing key generated and kept in the Infinispan cache %s, for every "
                                + "instance of the application", cache.name());
                    }
                    keptIdKey = previous == null ? generated : previous;
                    return keptIdKey;
                });
    }

    /**
     * Puts the id key this instance signs with back into a cluster that lost it (restarted without persistence), so
     * that an instance starting now signs with it too instead of generating another one. It cannot undo an instance
     * that started before this one got back: that is reported, and only restarting the instances (or setting
     * {@code id-keys}) makes them agree again.
     */
    private void keepIdKeyAgain() {
        String known = keptIdKey;
        if (known == null) {
            return;
        }
        cache.call(remote -> remote.withFlags(Flag.FORCE_RETURN_VALUE)
                .putIfAbsentAsync(ID_KEY, known, -1, TimeUnit.MILLISECONDS))
                .subscribe().with(previous -> {
                    if (previous == null) {
                        LOG.infof("Session id signing key kept in the Infinispan cache %s again: the cluster had lost "
                                + "it", cache.name());
                    } else if (!previous.equals(known)) {
                        LOG.warnf("The Infinispan cache %s holds another session id signing key than this instance "
                                + "signs with: the cluster lost it and an instance started meanwhile generated a new "
                                + "one. Sessions opened through one of them are refused by the other until the "
                                + "instances restart; set quarkus.nova-session.id-keys to avoid it", cache.name());
                    }
                }, failure -> LOG.debugf("Session id signing key not kept again yet: %s", failure.getMessage()));
    }

    /**
     * The Quarkus Infinispan client named {@code clientName}, looked up as the bean the Infinispan extension publishes
     * for it: a named one exists because the build asked the extension for it (the conditional extension
     * quarkus-nova-session-infinispan, {@code InfinispanClientProcessor}).
     */
    private static RemoteCacheManager client(Optional<String> clientName) {
        Annotation qualifier = clientName.isEmpty() || InfinispanClientUtil.isDefault(clientName.get())
                ? Default.Literal.INSTANCE
                : InfinispanClientName.Literal.of(clientName.get());
        InstanceHandle<RemoteCacheManager> client = Arc.container().instance(RemoteCacheManager.class, qualifier);
        if (!client.isAvailable() || client.get() == null) {
            String name = clientName.orElse(InfinispanClientUtil.DEFAULT_INFINISPAN_CLIENT_NAME);
            throw new IllegalStateException("No Infinispan client named '" + name + "': configure "
                    + (clientName.isEmpty() ? "quarkus.infinispan-client.hosts"
                            : "quarkus.infinispan-client.\"" + name + "\".hosts")
                    + ", or set quarkus.nova-session.infinispan.client-name to a configured client");
        }
        return client.get();
    }

    /**
     * One {@code size} call to the cluster: every entry of the session cache, so end markers of sessions ended within
     * {@code idle-timeout} and the shared id key count too.
     */
    @Override
    public Uni<Long> countSessions() {
        return cache.call(remote -> remote.sizeAsync());
    }

    @Override
    public boolean countIsExact() {
        return false;
    }

    @Override
    public Uni<Optional<Map<String, String>>> sessionValues(String storeKey) {
        return read(storeKey).map(snapshot -> snapshot.live()
                ? Optional.<Map<String, String>> of(SessionDocument.members(snapshot.text()))
                : Optional.empty());
    }

    private Uni<Snapshot> read(String storeKey) {
        return cache.call(remote -> remote.getWithMetadataAsync(storeKey))
                .map(metadata -> {
                    Snapshot snapshot = Snapshot.of(metadata);
                    if (snapshot.live()) {
                        remember(storeKey, snapshot);
                    } else {
                        versions.remove(storeKey);
                    }
                    return snapshot;
                });
    }

    /**
     * Applies a batch of changes to the session document with one conditional write, re-reading and retrying when
     * another instance got there first.
     */
    private Uni<Void> update(String storeKey, List<Change> changes, int attempts) {
        Snapshot known = versions.remove(storeKey);
        if (known == null && onlyCreations(changes)) {
            // a first write, as far as this instance knows: most are (a new visitor's, or the first of an id the
            // browser got before), so the write goes first and a read follows only if the entry is there after all;
            // a change over max-keys on no entry is over it on any, so refusing it untried is right too
            return attempt(storeKey, Snapshot.ABSENT, changes).chain(written -> written ? Uni.createFrom().voidItem()
                    // not lost to a concurrent writer, only a wrong guess: no pause, no attempt used
                    : update(storeKey, changes, null, attempts));
        }
        return update(storeKey, changes, known, attempts);
    }

    /**
     * @param known the entry as last read, or null to read it first
     */
    private Uni<Void> update(String storeKey, List<Change> changes, Snapshot known, int attemptsLeft) {
        Uni<Snapshot> current = known != null ? Uni.createFrom().item(known) : read(storeKey);
        return current.chain(snapshot -> attempt(storeKey, snapshot, changes)).chain(written -> {
            if (written) {
                return Uni.createFrom().voidItem();
            }
            versions.remove(storeKey);
            if (attemptsLeft <= 1) {
                return Uni.createFrom().failure(lostRaces("Session write"));
            }
            // a random pause, longer after each lost race, spreads writers that collided
            int lostRaces = settings.maxWriteAttempts() - attemptsLeft + 1;
            long pauseMillis = ThreadLocalRandom.current().nextLong(1, 2L << Math.min(lostRaces, 6));
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(pauseMillis))
                    .chain(ignored -> update(storeKey, changes, versions.remove(storeKey), attemptsLeft - 1));
        });
    }

    /**
     * Whether every change may create the session: only then can the batch be written onto an absent entry untried.
     * A removal, or a write that must find the session live, needs the entry as it is.
     */
    private static boolean onlyCreations(List<Change> changes) {
        for (Change change : changes) {
            if (change.isRemoval() || !change.create) {
                return false;
            }
        }
        return true;
    }

    /**
     * One try at writing {@code changes} onto {@code snapshot}. Nothing is reported to a change before the cluster
     * took the write: a lost race starts again from a fresh read, where a change may come out otherwise.
     *
     * @return false when another writer changed the entry since {@code snapshot}
     */
    private Uni<Boolean> attempt(String storeKey, Snapshot snapshot, List<Change> changes) {
        if (snapshot.ended()) {
            for (Change change : changes) {
                if (change.isRemoval()) {
                    change.done.complete(false);
                } else {
                    change.done.completeExceptionally(new SessionEndedException());
                }
            }
            return Uni.createFrom().item(true);
        }
        Map<String, String> members = snapshot.absent() ? new LinkedHashMap<>()
                : SessionDocument.members(snapshot.text());
        Map<Change, RuntimeException> refused = new LinkedHashMap<>();
        List<Change> applied = new ArrayList<>(changes.size());
        Change creator = null;
        boolean changed = false;
        int maxKeys = config.maxKeys();
        for (Change change : changes) {
            if (change.isRemoval()) {
                // never creates anything: removing from an absent session changes nothing
                changed |= members.remove(change.removedKey) != null;
                applied.add(change);
            } else if (snapshot.absent() && !change.create) {
                refused.put(change, new SessionEndedException());
            } else {
                // a change refuses (a limit) before it changes anything, so a refused one leaves nothing behind
                SessionLimitException refusal = StoreLimits.keysRefusal(change.values.keySet(),
                        members::containsKey, members.size(), maxKeys);
                if (refusal != null) {
                    refused.put(change, refusal);
                    continue;
                }
                members.putAll(change.values);
                applied.add(change);
                changed = true;
                if (creator == null && snapshot.absent()) {
                    creator = change;
                }
            }
        }
        if (!changed) {
            settle(refused, applied, null);
            return Uni.createFrom().item(true);
        }
        String document = SessionDocument.text(members);
        if (snapshot.absent()) {
            Change created = creator;
            return cache.call(remote -> remote.withFlags(Flag.FORCE_RETURN_VALUE)
                    .putIfAbsentAsync(storeKey, document, lifespanMillis, TimeUnit.MILLISECONDS))
                    .map(previous -> {
                        if (previous != null) {
                            // the entry exists (another first write won, or a first write only guessed it absent):
                            // the retry reads it and merges into it
                            return false;
                        }
                        settle(refused, applied, created);
                        return true;
                    });
        }
        return cache.call(remote -> remote.replaceWithVersionAsync(storeKey, document,
                snapshot.version(), lifespanMillis, TimeUnit.MILLISECONDS, 0, TimeUnit.MILLISECONDS))
                .invoke(written -> {
                    if (written) {
                        settle(refused, applied, null);
                    }
                });
    }

    private static void settle(Map<Change, RuntimeException> refused, List<Change> applied, Change creator) {
        refused.forEach((change, failure) -> change.done.completeExceptionally(failure));
        for (Change change : applied) {
            change.done.complete(change == creator);
        }
    }

    private NovaSessionStoreException lostRaces(String what) {
        return new NovaSessionStoreException(what + " lost " + settings.maxWriteAttempts()
                + " races in a row against other writers of the same session", null);
    }

    private void remember(String storeKey, Snapshot snapshot) {
        if (versions.size() >= MAX_REMEMBERED_VERSIONS) {
            versions.clear();
        }
        versions.put(storeKey, snapshot);
    }

    /**
     * A session entry as read, with the version a conditional write needs.
     */
    private record Snapshot(String text, long version) {

        /** No entry: what a first write is written onto. */
        static final Snapshot ABSENT = new Snapshot(null, 0);

        static Snapshot of(MetadataValue<String> metadata) {
            return metadata == null ? ABSENT : new Snapshot(metadata.getValue(), metadata.getVersion());
        }

        boolean absent() {
            return text == null;
        }

        boolean ended() {
            return SessionDocument.isEndMarker(text);
        }

        boolean live() {
            return text != null && !ended();
        }
    }

    @Override
    public Uni<Map<String, String>> principalSessions(String principalKey) {
        return principals.entries(principalKey);
    }

    @Override
    public Uni<Map<String, String>> updatePrincipalSessions(String principalKey,
            UnaryOperator<Map<String, String>> change, Duration lifespan) {
        return principals.update(principalKey, change, lifespan);
    }
}
