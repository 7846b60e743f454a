package io.quarkiverse.novasession.runtime;

import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Operation;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;

/**
 * What every request's session shares: the store chosen at build time and the one way to call it, the id signer, the
 * lifecycle, and the settings they need. Built once, at start-up, when the session filter is installed; never when
 * sessions are disabled.
 */
@Singleton
public final class SessionRuntime {

    private static final Logger LOG = Logger.getLogger(SessionRuntime.class);
    /** A store key no session ever has: the hash of a value that is not an id. */
    private static final String PROBE_KEY = SessionIds.storeKey("nova-session-readiness-probe");

    private final StoreCalls calls;
    private final IdSigning ids;
    private final SessionEvents events;
    private final SessionMetrics metrics;
    private final StoreFacts facts;
    private final long idleTimeoutMillis;
    private final long absoluteTimeoutMillis;
    private final long touchIntervalMillis;
    private final boolean lazy;
    private final boolean keepsKeyIndex;
    private final SessionLifecycle lifecycle;
    /** Resolved at the first rotation: the hook's bean depends on this one. */
    private final Instance<SessionRotationHook> rotationHooks;
    private volatile SessionRotationHook rotationHook;

    SessionRuntime(NovaSessionConfig config, @SelectedStore NovaSessionStore store, SessionEvents events,
            StoreFacts facts, Instance<SessionMetrics> metrics, Instance<SessionRotationHook> rotationHook) {
        this.rotationHooks = rotationHook;
        checkSettings(config);
        // a metrics bean exists only when the application has Micrometer and metrics are enabled
        this.metrics = metrics.isResolvable() ? metrics.get() : SessionMetrics.NONE;
        this.facts = facts;
        this.calls = new StoreCalls(store, config.storeTimeout(), this.metrics);
        this.ids = signing(config, store, calls, facts);
        this.events = events;
        this.idleTimeoutMillis = config.idleTimeout().toMillis();
        this.absoluteTimeoutMillis = config.absoluteTimeout().toMillis();
        this.touchIntervalMillis = config.touchInterval().toMillis();
        this.lazy = config.create() == NovaSessionConfig.Creation.LAZY;
        this.keepsKeyIndex = !facts.renames();
        this.lifecycle = new SessionLifecycle(this);
    }

    SessionLifecycle lifecycle() {
        return lifecycle;
    }

    SessionRotationHook rotationHook() {
        SessionRotationHook hook = rotationHook;
        if (hook == null) {
            hook = rotationHooks.isResolvable() ? rotationHooks.get() : SessionRotationHook.NONE;
            rotationHook = hook;
        }
        return hook;
    }

    /**
     * @return the signer; only call once {@link IdSigning#ready()} said so (the filter does, for every request)
     */
    SessionIdSigner ids() {
        return ids.signer();
    }

    IdSigning signing() {
        return ids;
    }

    StoreCalls calls() {
        return calls;
    }

    NovaSessionStore store() {
        return calls.store();
    }

    SessionEvents events() {
        return events;
    }

    /**
     * @return where the session layer reports rejections and store calls; {@link SessionMetrics#NONE} without
     *         Micrometer
     */
    public SessionMetrics metrics() {
        return metrics;
    }

    /**
     * @return what the build knows of the store
     */
    public StoreFacts facts() {
        return facts;
    }

    /**
     * @return where the id signing key comes from: {@code configured}, {@code shared} or {@code generated}
     */
    public String signingKeySource() {
        return ids.source();
    }

    /**
     * Ends one session by its store key, as {@code NovaSession.delete()} would (the Dev UI's "end" button), firing
     * {@code NovaSessionDestroyed} with cause {@code DELETED} if there was one.
     *
     * @return whether there was a live session to end
     */
    public Uni<Boolean> endSession(String storeKey) {
        return calls.call(Operation.END_SESSION, () -> calls.store().endSession(storeKey)).invoke(existed -> {
            if (existed) {
                events.destroyed(storeKey, io.quarkiverse.novasession.NovaSessionDestroyed.Cause.DELETED);
            }
        });
    }

    /**
     * Asks the store for one value of a session that never exists, through the same bounds as every session
     * operation: a readiness probe, which never blocks and fails after {@code store-timeout}.
     */
    public Uni<Void> probeStore() {
        return calls.call(Operation.GET_VALUE, () -> calls.store().getValue(PROBE_KEY, NovaSessionStore.LAST_SEEN_KEY))
                .replaceWithVoid();
    }

    /**
     * @return whether ids can be checked and issued now; if not, the shared id key is asked for again
     */
    public boolean signingReady() {
        return ids.ready();
    }

    /**
     * @return the store timeout
     */
    public java.time.Duration storeTimeout() {
        return calls.timeout();
    }

    boolean storeCompletesImmediately() {
        return calls.immediate();
    }

    boolean lazy() {
        return lazy;
    }

    boolean keepsKeyIndex() {
        return keepsKeyIndex;
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

    /**
     * Whether an id under which nothing is stored has waited too long for its first write: it is then expired like an
     * idle session. An id's start is when it was issued, except for a rotated live session, which is never free.
     */
    boolean freeTooLong(String id) {
        return now() - SessionIdSigner.sessionStart(id) > idleTimeoutMillis;
    }

    boolean idleTooLong(long lastSeen) {
        return now() - lastSeen > idleTimeoutMillis;
    }

    boolean dueForTouch(long lastSeen) {
        return now() - lastSeen >= touchIntervalMillis;
    }

    private static void checkSettings(NovaSessionConfig settings) {
        if (settings.idleTimeout().isNegative() || settings.idleTimeout().isZero()
                || settings.absoluteTimeout().isNegative() || settings.absoluteTimeout().isZero()) {
            throw new ConfigurationException("quarkus.nova-session.idle-timeout and absolute-timeout must be positive");
        }
        if (settings.touchInterval().compareTo(settings.idleTimeout()) >= 0) {
            throw new ConfigurationException("quarkus.nova-session.touch-interval (" + settings.touchInterval()
                    + ") must be shorter than idle-timeout (" + settings.idleTimeout() + "), or an active session would"
                    + " expire between two refreshes of its last-seen time");
        }
        if (settings.maxKeys() < 1 || settings.maxValueSize() < 1 || settings.maxKeyLength() < 1) {
            throw new ConfigurationException(
                    "quarkus.nova-session.max-keys, max-value-size and max-key-length must be at least 1");
        }
    }

    /**
     * Configured keys first; else, for a store that keeps one, the key the instances share through it; else a random
     * key of this instance, right for a store no other instance sees.
     */
    private static IdSigning signing(NovaSessionConfig settings, NovaSessionStore store, StoreCalls calls,
            StoreFacts facts) {
        if (settings.idKeys().isPresent() && !settings.idKeys().get().isEmpty()) {
            try {
                return IdSigning.ofConfiguredKeys(new SessionIdSigner(settings.idKeys().get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }
        // a Uni does nothing until subscribed: asking whether the store keeps a key costs nothing
        if (store.sharedIdKey(IdSigning.newSecret()) == null) {
            if (facts.shared()) {
                throw new ConfigurationException("quarkus.nova-session.id-keys is not set and the session store keeps"
                        + " no shared id key: set quarkus.nova-session.id-keys to the same secrets (at least 32"
                        + " characters each) on every instance");
            }
            if (facts.kind() == StoreFacts.Kind.CUSTOM) {
                LOG.warn("quarkus.nova-session.id-keys is not set: session ids are signed with a random key of this "
                        + "instance only. If several instances share the store " + store.getClass().getName()
                        + ", set the same quarkus.nova-session.id-keys on all of them");
            }
            // dev mode keeps the generated key across live reloads, so that visitors stay logged in while code changes
            return IdSigning.of(new SessionIdSigner(List.of(DevModeCarryOver.signingSecret())));
        }
        IdSigning shared = IdSigning
                .sharedThroughStore(generated -> calls.call(Operation.SHARED_ID_KEY, () -> store.sharedIdKey(generated)));
        shared.awaitReady(settings.storeTimeout());
        return shared;
    }
}
