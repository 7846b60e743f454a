package io.quarkiverse.novasession.runtime.store.redis;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStoreContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Hears Redis expire session hashes and reports each as a {@link io.quarkiverse.novasession.NovaSessionExpired} event,
 * through Redis keyspace notifications: one connection of the client subscribed to
 * {@code __keyevent@<db>__:expired}, on every instance, so every running instance observes every expiry (as with the
 * Infinispan store). End markers and sessions set aside by a rotation have keys of their own, so their expiry fires
 * nothing.
 * <p>
 * Redis sends these notifications only when the server's {@code notify-keyspace-events} includes {@code E} and
 * {@code x} (or {@code A}); the store never changes the server's configuration (managed services often refuse
 * {@code CONFIG SET}), it checks it and says so in the log. A Redis Cluster sends each node's notifications to that
 * node's subscribers only, so on a cluster no expiry is reported (the sessions expire all the same). The connection is
 * opened again when it drops (a restarted server), every few seconds until it succeeds.
 */
final class ExpiryNotifications {

    private static final Logger LOG = Logger.getLogger(ExpiryNotifications.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Redis redis;
    private final SessionKeys keys;
    private final NovaSessionStoreContext events;
    private volatile boolean stopped;
    private volatile RedisConnection connection;
    private volatile boolean warned;

    ExpiryNotifications(Redis redis, SessionKeys keys, NovaSessionStoreContext events) {
        this.redis = redis;
        this.keys = keys;
        this.events = events;
    }

    void start() {
        subscribe();
    }

    void stop() {
        stopped = true;
        RedisConnection open = connection;
        if (open != null) {
            open.closeAndForget();
        }
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        redis.connect().chain(this::listen).subscribe().with(subscribed -> {
            if (!subscribed) {
                return;
            }
            LOG.debug("Listening to Redis keyspace notifications of expired sessions");
        }, failure -> {
            LOG.debugf("Redis keyspace notifications not subscribed yet (%s): trying again in %s", failure.getMessage(),
                    RETRY);
            retryLater();
        });
    }

    /**
     * @return false when this server cannot send the notifications (a cluster): nothing more is tried
     */
    private Uni<Boolean> listen(RedisConnection opened) {
        return opened.send(Request.cmd(Command.INFO).arg("cluster")).chain(info -> {
            if (info.toString().contains("cluster_enabled:1")) {
                opened.closeAndForget();
                LOG.info("The Redis session store runs on a Redis Cluster: Redis sends keyspace notifications to the "
                        + "subscribers of the node that expired a key only, so NovaSessionExpired is not fired for "
                        + "sessions Redis expires (they expire all the same)");
                return Uni.createFrom().item(false);
            }
            return opened.send(Request.cmd(Command.CLIENT).arg("INFO")).chain(client -> {
                String database = field(client.toString(), "db");
                checkServerConfig(opened);
                opened.handler(this::message);
                opened.exceptionHandler(failure -> LOG.debugf("Redis keyspace notification connection failed: %s",
                        failure.getMessage()));
                opened.endHandler(() -> {
                    connection = null;
                    retryLater();
                });
                connection = opened;
                return opened.send(Request.cmd(Command.SUBSCRIBE).arg("__keyevent@" + database + "__:expired"))
                        .replaceWith(true);
            });
        }).onFailure().call(failure -> opened.close().onFailure().recoverWithNull());
    }

    private void checkServerConfig(RedisConnection opened) {
        if (warned) {
            return;
        }
        opened.send(Request.cmd(Command.CONFIG).arg("GET").arg("notify-keyspace-events")).subscribe().with(reply -> {
            String flags = flags(reply);
            if (flags != null && !(flags.contains("E") && (flags.contains("x") || flags.contains("A")))) {
                warned = true;
                LOG.warnf("Redis sends no notification of expired keys (notify-keyspace-events is '%s'): "
                        + "NovaSessionExpired is not fired for sessions Redis expires. Set notify-keyspace-events "
                        + "to include E and x (for example 'Ex') on the server", flags);
            }
        }, failure -> LOG.debugf("Redis refused CONFIG GET notify-keyspace-events (%s): cannot tell whether it sends "
                + "notifications of expired keys", failure.getMessage()));
    }

    /**
     * The value of {@code CONFIG GET}: a map in RESP3, a two-element array in RESP2.
     */
    private static String flags(Response reply) {
        if (reply == null || reply.type() != ResponseType.MULTI) {
            return null;
        }
        try {
            Response value = reply.get("notify-keyspace-events");
            return value == null ? null : value.toString();
        } catch (RuntimeException notAMap) {
            return reply.size() >= 2 ? reply.get(1).toString() : null;
        }
    }

    private void message(Response message) {
        // ["message", channel, key]: in RESP2 an array, in RESP3 a push
        if (message == null || message.type() != ResponseType.PUSH && message.type() != ResponseType.MULTI
                || message.size() < 3 || !"message".equals(message.get(0).toString())) {
            return;
        }
        Response key = message.get(2);
        String storeKey = key == null ? null : keys.storeKeyOfSession(key.toString());
        if (storeKey == null) {
            return;
        }
        try {
            // observers may block: never on the client's event loop
            Infrastructure.getDefaultWorkerPool().execute(() -> events.expired(storeKey));
        } catch (RejectedExecutionException e) {
            LOG.debugf("Session expiry not reported, the worker pool refused it: %s", e.getMessage());
        }
    }

    private void retryLater() {
        if (stopped) {
            return;
        }
        Uni.createFrom().voidItem().onItem().delayIt().by(RETRY).subscribe().with(ignored -> subscribe());
    }

    private static String field(String clientInfo, String name) {
        for (String part : clientInfo.trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "0";
    }
}
