package io.quarkiverse.novasession.runtime;

import java.time.Duration;

import io.quarkiverse.novasession.NovaSessionStore;

/**
 * What every request's session shares: the chosen store and the settings the session beans need.
 */
final class SessionRuntime {

    private final NovaSessionStore store;
    private final Duration storeTimeout;
    private final boolean storeCompletesImmediately;
    private final SessionIdSigner ids;

    SessionRuntime(NovaSessionStore store, Duration storeTimeout, SessionIdSigner ids) {
        this.store = store;
        this.ids = ids;
        this.storeTimeout = storeTimeout;
        this.storeCompletesImmediately = store.completesImmediately();
    }

    SessionIdSigner ids() {
        return ids;
    }

    NovaSessionStore store() {
        return store;
    }

    Duration storeTimeout() {
        return storeTimeout;
    }

    boolean storeCompletesImmediately() {
        return storeCompletesImmediately;
    }
}
