package io.quarkiverse.novasession.runtime;

import io.quarkiverse.novasession.NovaSessionStore;

/**
 * What every request's session shares: the store and the one way to call it, the id signer, the lifecycle events and
 * the settings the session beans need.
 */
final class SessionRuntime {

    private final StoreCalls calls;
    private final IdSigning ids;
    private final SessionEvents events;
    private final long idleTimeoutMillis;
    private final long absoluteTimeoutMillis;
    private final long touchIntervalMillis;
    private final boolean lazy;
    private final boolean keepsKeyIndex;
    private final SessionLifecycle lifecycle;

    /**
     * @param storeRenames whether the store implements {@link NovaSessionStore#renameSession}; if not, the session
     *        layer keeps each session's key list so that it can rotate ids by copying
     */
    SessionRuntime(StoreCalls calls, IdSigning ids, SessionEvents events, NovaSessionConfig config,
            boolean storeRenames) {
        this.calls = calls;
        this.ids = ids;
        this.events = events;
        this.idleTimeoutMillis = config.idleTimeout().toMillis();
        this.absoluteTimeoutMillis = config.absoluteTimeout().toMillis();
        this.touchIntervalMillis = config.touchInterval().toMillis();
        this.lazy = config.create() == NovaSessionConfig.Creation.LAZY;
        this.keepsKeyIndex = !storeRenames;
        this.lifecycle = new SessionLifecycle(this);
    }

    SessionLifecycle lifecycle() {
        return lifecycle;
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
}
