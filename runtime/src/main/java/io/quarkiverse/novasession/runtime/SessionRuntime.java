package io.quarkiverse.novasession.runtime;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.smallrye.mutiny.Uni;

/**
 * What every request's session shares: the chosen store, the lifecycle events and the settings the session beans
 * need.
 */
final class SessionRuntime {

    private static final Logger LOG = Logger.getLogger(SessionRuntime.class);

    private final NovaSessionStore store;
    private final Duration storeTimeout;
    private final boolean storeCompletesImmediately;
    private final SessionIdSigner ids;
    private final SessionEvents events;
    private final long idleTimeoutMillis;
    private final long absoluteTimeoutMillis;
    private final long touchIntervalMillis;
    private final boolean lazy;

    SessionRuntime(NovaSessionStore store, SessionIdSigner ids, SessionEvents events, NovaSessionConfig config) {
        this.store = store;
        this.ids = ids;
        this.events = events;
        this.storeTimeout = config.storeTimeout();
        this.storeCompletesImmediately = store.completesImmediately();
        this.idleTimeoutMillis = config.idleTimeout().toMillis();
        this.absoluteTimeoutMillis = config.absoluteTimeout().toMillis();
        this.touchIntervalMillis = config.touchInterval().toMillis();
        this.lazy = config.create() == NovaSessionConfig.Creation.LAZY;
    }

    SessionIdSigner ids() {
        return ids;
    }

    NovaSessionStore store() {
        return store;
    }

    SessionEvents events() {
        return events;
    }

    Duration storeTimeout() {
        return storeTimeout;
    }

    boolean storeCompletesImmediately() {
        return storeCompletesImmediately;
    }

    boolean lazy() {
        return lazy;
    }

    long now() {
        return System.currentTimeMillis();
    }

    /**
     * Whether an issued id is past the absolute timeout: known from the id alone.
     */
    boolean pastAbsoluteTimeout(String id) {
        return now() - SessionIdSigner.sessionStart(id) > absoluteTimeoutMillis;
    }

    boolean idleTooLong(long lastSeen) {
        return now() - lastSeen > idleTimeoutMillis;
    }

    boolean dueForTouch(long lastSeen) {
        return now() - lastSeen >= touchIntervalMillis;
    }

    /**
     * A visitor came back with an id past the absolute timeout. Its data, if the store still has it, is deleted in the
     * background: the request itself goes on at once with a new session and never waits for this.
     */
    void purgeExpired(String expiredId) {
        String storeKey = SessionIds.storeKey(expiredId);
        store.getValue(storeKey, NovaSessionStore.LAST_SEEN_KEY)
                .chain(seen -> seen.isEmpty() ? Uni.createFrom().item(false)
                        : store.deleteValue(storeKey).replaceWith(true))
                .subscribe().with(deleted -> {
                    if (deleted) {
                        events.expired(storeKey);
                    }
                }, failure -> LOG.debugf("Deleting an expired session failed: %s", failure));
    }
}
