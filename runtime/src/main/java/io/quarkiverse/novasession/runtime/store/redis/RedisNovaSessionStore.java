package io.quarkiverse.novasession.runtime.store.redis;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.NovaSessionStoreContext;
import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.store.InspectableStore;
import io.quarkiverse.novasession.runtime.store.StoreLimits;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.redis.client.RedisClientName;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Sessions in Redis (standalone, or a Redis Cluster), through the Quarkus Redis client, so that every instance of the
 * application serves every session.
 * <p>
 * One hash per session, one field per session key (see {@link SessionKeys}). Every operation that decides on what the
 * session holds is one Lua script (see {@link Script}), run by Redis as one step: a write applies only to a live
 * session (or creates it, for a first write), ending a session deletes it and leaves an end marker in the same step, so
 * a write never brings back a session that ended, concurrent writes of different keys through different instances all
 * survive (each sets its own fields), and nothing is decided by the client on a value it read earlier. No command ever
 * touches two slots: a rotation, whose old and new ids hash to different slots of a cluster, is two scripts, one per
 * id (see {@link #renameSession}).
 * <p>
 * Cost per operation, in round trips: a read is one, a write is one, ending a session is one whatever its size, a
 * rotation is three.
 * <p>
 * Redis expires what nobody comes back for: every write gives the session hash {@code idle-timeout} to live, and end
 * markers live as long. Expiries are reported as {@code NovaSessionExpired} when the server sends keyspace
 * notifications (see {@link ExpiryNotifications}).
 */
public class RedisNovaSessionStore implements NovaSessionStore, InspectableStore {

    private static final Logger LOG = Logger.getLogger(RedisNovaSessionStore.class);
    /** {@code io.quarkus.redis.runtime.client.config.RedisConfig.DEFAULT_CLIENT_NAME}. */
    static final String DEFAULT_CLIENT_NAME = "<default>";

    @Inject
    NovaSessionConfig config;
    @Inject
    NovaSessionBuildTimeConfig buildConfig;
    @Inject
    NovaSessionStoreContext events;

    private Redis redis;
    private SessionKeys keys;
    private String ttlMillis;
    private String maxKeys;
    private ExpiryNotifications expiries;
    private PrincipalIndexes principals;
    /** The id key this instance signs with, once {@link #sharedIdKey} answered it. */
    private volatile String keptIdKey;
    /** Whether the server is a Redis Cluster, once {@link #countSessions} asked. */
    private volatile Boolean cluster;
    /** Set by a failed call: the next successful one checks that the server still holds the shared id key. */
    private volatile boolean failedSinceLastCall;

    @PostConstruct
    void connect() {
        keys = new SessionKeys(config.redis().keyPrefix());
        // the session layer writes a session in use at least once per touch-interval, and each write gives it
        // idle-timeout to live: Redis drops it when the session layer would consider it expired. An end marker lives
        // as long: past idle-timeout the session layer refuses the ended id by its last-seen time anyway.
        ttlMillis = Long.toString(Math.max(1, config.idleTimeout().toMillis()));
        maxKeys = Integer.toString(config.maxKeys());
        redis = client(buildConfig.redis().clientName());
        principals = new PrincipalIndexes(redis, keys.prefix(), this::call);
        if (config.redis().expiryEvents()) {
            expiries = new ExpiryNotifications(redis, keys, events);
            expiries.start();
        }
    }

    @PreDestroy
    void stop() {
        if (expiries != null) {
            expiries.stop();
        }
    }

    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        return read(storeKey, List.of(key)).map(values -> values == null ? Optional.empty() : values.get(0));
    }

    /**
     * One script: the marker checked and the fields read together.
     */
    @Override
    public Uni<List<Optional<String>>> getValues(String storeKey, List<String> fields) {
        if (fields.isEmpty()) {
            return Uni.createFrom().item(new ArrayList<>());
        }
        return read(storeKey, fields).map(values -> {
            if (values == null) {
                throw new SessionEndedException();
            }
            return values;
        });
    }

    /**
     * @return one element per field, or null when the session ended
     */
    private Uni<List<Optional<String>>> read(String storeKey, List<String> fields) {
        return call(Script.READ.run(redis, List.of(keys.session(storeKey), keys.marker(storeKey)), fields))
                .map(response -> {
                    if (response.type() != ResponseType.MULTI) {
                        return null;
                    }
                    List<Optional<String>> values = new ArrayList<>(fields.size());
                    for (int i = 0; i < fields.size(); i++) {
                        Response value = response.get(i);
                        values.add(value == null ? Optional.empty() : Optional.of(value.toString()));
                    }
                    return values;
                });
    }

    @Override
    public Uni<Void> setValue(String storeKey, String key, String value) {
        return setValues(storeKey, Map.of(key, value));
    }

    @Override
    public Uni<Void> setValues(String storeKey, Map<String, String> values) {
        return writeValues(storeKey, values, true).replaceWithVoid();
    }

    /**
     * One script: whether the session is live (or may be created), whether the write fits {@code max-keys}, the write
     * and the renewal of the time to live, in one step.
     */
    @Override
    public Uni<Boolean> writeValues(String storeKey, Map<String, String> values, boolean create) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        List<String> written = new ArrayList<>(values.keySet());
        List<String> args = new ArrayList<>(4 + 2 * values.size());
        args.add(create ? "1" : "0");
        args.add(ttlMillis);
        args.add(LAST_SEEN_KEY);
        args.add(maxKeys);
        for (String field : written) {
            args.add(field);
            args.add(values.get(field));
        }
        return call(Script.WRITE.run(redis, List.of(keys.session(storeKey), keys.marker(storeKey)), args))
                .map(response -> {
                    long outcome = response.get(0).toLong();
                    if (outcome == -1) {
                        throw new SessionEndedException();
                    }
                    if (outcome == -2) {
                        throw refusal(written, response);
                    }
                    return outcome == 1;
                });
    }

    private SessionLimitException refusal(List<String> written, Response response) {
        int held = response.get(1).toInteger();
        Map<String, Boolean> present = new HashMap<>();
        for (int i = 0; i < written.size(); i++) {
            present.put(written.get(i), response.get(2 + i).toLong() == 1);
        }
        // the script counted the application's keys only: the session layer's own key does not count
        SessionLimitException refusal = StoreLimits.keysRefusal(written,
                key -> !key.equals(LAST_SEEN_KEY) && present.getOrDefault(key, false), held, config.maxKeys());
        return refusal != null ? refusal
                : new SessionLimitException(null, "A session holds at most quarkus.nova-session.max-keys="
                        + config.maxKeys() + " keys. Nothing was stored");
    }

    /**
     * One {@code HDEL}: it never creates anything, and removes nothing from a session that does not exist.
     */
    @Override
    public Uni<Void> deleteValue(String storeKey, String key) {
        return call(redis.send(Request.cmd(Command.HDEL).arg(keys.session(storeKey)).arg(key))).replaceWithVoid();
    }

    @Override
    public Uni<Void> deleteValue(String storeKey) {
        return endSession(storeKey).replaceWithVoid();
    }

    /**
     * One script, whatever the session's size: a session that does not exist gets nothing written, so logouts of
     * made-up ids cost Redis nothing. The marker expires after {@code idle-timeout}, which fires no
     * {@code NovaSessionExpired}.
     */
    @Override
    public Uni<Boolean> endSession(String storeKey) {
        return call(Script.END.run(redis, List.of(keys.session(storeKey), keys.marker(storeKey)), List.of(ttlMillis)))
                .map(response -> response.toLong() == 1);
    }

    /**
     * Three steps, because the old and the new id hash to different slots of a cluster and no script may touch both:
     * <ol>
     * <li>on the old id, one script ends it (the end marker) and sets its data aside under a key of its own slot, and
     * answers that data: a write of the old id lands before (and moves with the data) or after (and fails with
     * {@link SessionEndedException}), never in between;</li>
     * <li>on the new id, the data is written, unless the id is taken;</li>
     * <li>the data set aside is deleted.</li>
     * </ol>
     * If the second step fails, the first is undone: the session stays under its old id, and the rotation fails.
     */
    @Override
    public Uni<Boolean> renameSession(String oldStoreKey, String newStoreKey) {
        List<String> oldKeys = List.of(keys.session(oldStoreKey), keys.marker(oldStoreKey), keys.moving(oldStoreKey));
        return call(Script.SEAL.run(redis, oldKeys, List.of(ttlMillis))).chain(sealed -> {
            if (sealed == null || sealed.type() != ResponseType.MULTI) {
                return Uni.createFrom().item(false);
            }
            List<String> args = new ArrayList<>(1 + sealed.size());
            args.add(ttlMillis);
            for (Response part : sealed) {
                args.add(part.toString());
            }
            return call(Script.MOVE_IN.run(redis, List.of(keys.session(newStoreKey), keys.marker(newStoreKey)), args))
                    .onFailure().call(failure -> unseal(oldKeys))
                    .chain(moved -> {
                        if (moved.toLong() != 1) {
                            return unseal(oldKeys).chain(ignored -> Uni.createFrom().failure(
                                    new NovaSessionStoreException("Session rename refused: the new session key is taken",
                                            null)));
                        }
                        return call(redis.send(Request.cmd(Command.DEL).arg(keys.moving(oldStoreKey))))
                                .replaceWith(true)
                                // the session has moved: what is left behind expires with its old time to live
                                .onFailure().recoverWithItem(true);
                    });
        });
    }

    private Uni<Void> unseal(List<String> oldKeys) {
        return call(Script.UNSEAL.run(redis, oldKeys, List.of())).replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("A failed session rotation could not be undone (%s): the "
                        + "session ended with it", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * {@code SET <prefix>id-key <generated> NX GET}, without expiry: one atomic step, so the instances that start at
     * the same moment agree on the winner's.
     */
    @Override
    public Uni<String> sharedIdKey(String generated) {
        return call(keepIdKey(generated)).map(previous -> {
            if (previous == null) {
                LOG.infof("Session id signing key generated and kept in Redis under %s, for every instance of the "
                        + "application", keys.idKey());
            }
            keptIdKey = previous == null ? generated : previous.toString();
            return keptIdKey;
        });
    }

    private Uni<Response> keepIdKey(String secret) {
        return redis.send(Request.cmd(Command.SET).arg(keys.idKey()).arg(secret).arg("NX").arg("GET"));
    }

    /**
     * Puts the id key this instance signs with back into a Redis that lost it (restarted without persistence, or
     * flushed), so that an instance starting now signs with it too instead of generating another one. Checked after
     * the first successful call that follows a failed one.
     */
    private void keepIdKeyAgain() {
        String known = keptIdKey;
        if (known == null) {
            return;
        }
        keepIdKey(known).subscribe().with(previous -> {
            if (previous == null) {
                LOG.infof("Session id signing key kept in Redis under %s again: the server had lost it", keys.idKey());
            } else if (!previous.toString().equals(known)) {
                LOG.warnf("Redis holds another session id signing key under %s than this instance signs with: the "
                        + "server lost it and an instance started meanwhile generated a new one. Sessions opened "
                        + "through one of them are refused by the other until the instances restart; set "
                        + "quarkus.nova-session.id-keys to avoid it", keys.idKey());
            }
        }, failure -> {
            failedSinceLastCall = true;
            LOG.debugf("Session id signing key not kept again yet: %s", failure.getMessage());
        });
    }

    private <T> Uni<T> call(Uni<T> operation) {
        return operation.onItemOrFailure().invoke((item, failure) -> {
            if (failure != null) {
                failedSinceLastCall = true;
            } else if (failedSinceLastCall) {
                failedSinceLastCall = false;
                keepIdKeyAgain();
            }
        });
    }

    /**
     * The Quarkus Redis client named {@code clientName}, looked up as the bean the Redis extension publishes for it:
     * it exists because the build asked the extension for it (the conditional extension
     * quarkus-nova-session-redis).
     */
    private static Redis client(Optional<String> clientName) {
        boolean isDefault = clientName.isEmpty() || DEFAULT_CLIENT_NAME.equals(clientName.get());
        Annotation qualifier = isDefault ? Default.Literal.INSTANCE : RedisClientName.Literal.of(clientName.get());
        InstanceHandle<Redis> client = Arc.container().instance(Redis.class, qualifier);
        if (!client.isAvailable() || client.get() == null) {
            throw new IllegalStateException("No Redis client named '" + clientName.orElse(DEFAULT_CLIENT_NAME)
                    + "': configure " + (isDefault ? "quarkus.redis.hosts"
                            : "quarkus.redis." + clientName.get() + ".hosts")
                    + ", or set quarkus.nova-session.redis.client-name to a configured client");
        }
        return client.get();
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

    /**
     * The session hashes under the prefix, counted with {@code SCAN} (never {@code KEYS}), a thousand keys per round
     * trip: for the sampled {@code nova.sessions.active} gauge and the Dev UI, never the request path. A Redis
     * Cluster spreads keys over its masters, which one client connection cannot scan: there the count fails, and the
     * gauge reads NaN.
     */
    @Override
    public Uni<Long> countSessions() {
        Uni<Boolean> clustered = cluster != null ? Uni.createFrom().item(cluster)
                : redis.send(Request.cmd(Command.INFO).arg("cluster"))
                        .map(info -> cluster = info.toString().contains("cluster_enabled:1"));
        return clustered.chain(isCluster -> isCluster
                ? Uni.createFrom().failure(new UnsupportedOperationException(
                        "Sessions are not counted on a Redis Cluster"))
                : scan("0", 0));
    }

    private Uni<Long> scan(String cursor, long counted) {
        return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(keys.prefix() + "{*}:s")
                .arg("COUNT").arg(1000)).chain(page -> {
                    long total = counted;
                    for (Response key : page.get(1)) {
                        total += keys.storeKeyOfSession(key.toString()) != null ? 1 : 0;
                    }
                    String next = page.get(0).toString();
                    return "0".equals(next) ? Uni.createFrom().item(total) : scan(next, total);
                });
    }

    @Override
    public boolean countIsExact() {
        // exact, but a scan of the whole keyspace: sampled, not run on every scrape
        return false;
    }

    /**
     * One {@code HGETALL}: an ended session has no hash left.
     */
    @Override
    public Uni<Optional<Map<String, String>>> sessionValues(String storeKey) {
        return call(redis.send(Request.cmd(Command.HGETALL).arg(keys.session(storeKey)))).map(hash -> {
            if (hash == null || hash.size() == 0) {
                return Optional.empty();
            }
            Map<String, String> values = new java.util.LinkedHashMap<>();
            if (hash.isMap()) {
                for (String field : hash.getKeys()) {
                    values.put(field, hash.get(field).toString());
                }
            } else {
                for (int i = 0; i + 1 < hash.size(); i += 2) {
                    values.put(hash.get(i).toString(), hash.get(i + 1).toString());
                }
            }
            return Optional.of(values);
        });
    }

    /**
     * For tests and operators: the Redis keys of a session, all in one slot.
     */
    public List<String> redisKeys(String storeKey) {
        return Collections.unmodifiableList(
                List.of(keys.session(storeKey), keys.marker(storeKey), keys.moving(storeKey)));
    }
}
