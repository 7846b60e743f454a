package io.quarkiverse.novasession.runtime;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionStoreContext;

/**
 * The settings and lifecycle events a store sees, from the configuration and {@link SessionEvents}.
 */
@Singleton
public class StoreContext implements NovaSessionStoreContext {

    private final NovaSessionConfig config;
    private final SessionEvents events;

    StoreContext(NovaSessionConfig config, SessionEvents events) {
        this.config = config;
        this.events = events;
    }

    @Override
    public int maxKeys() {
        return config.maxKeys();
    }

    @Override
    public int maxValueSize() {
        return config.maxValueSize();
    }

    @Override
    public Duration idleTimeout() {
        return config.idleTimeout();
    }

    @Override
    public Duration absoluteTimeout() {
        return config.absoluteTimeout();
    }

    @Override
    public void expired(String storeKey) {
        events.expired(storeKey);
    }

    @Override
    public void evicted(String storeKey) {
        events.destroyed(storeKey, NovaSessionDestroyed.Cause.EVICTED);
    }
}
