package io.quarkiverse.novasession.runtime;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSession;
import io.smallrye.mutiny.Uni;

/**
 * The blocking session API: the reactive core, waited for. It waits only where blocking is allowed; on an event loop
 * it works only with a store whose operations complete at once, and otherwise fails before touching the store.
 */
@Singleton
public class NovaSessionImpl implements NovaSession {

    static final String EVENT_LOOP = "NovaSession blocks until the session store answers, and this thread is an "
            + "event loop, which must never block. Inject io.quarkiverse.novasession.ReactiveNovaSession here instead, "
            + "or run this code on a worker thread (@Blocking).";

    private final ReactiveNovaSessionImpl reactive;

    NovaSessionImpl(ReactiveNovaSessionImpl reactive) {
        this.reactive = reactive;
    }

    @Override
    public String id() {
        return reactive.id();
    }

    @Override
    public String storeKey() {
        return reactive.storeKey();
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        return await(reactive.get(key, type));
    }

    @Override
    public void set(String key, Object value) {
        await(reactive.set(key, value));
    }

    @Override
    public void delete(String key) {
        await(reactive.delete(key));
    }

    @Override
    public String rotate() {
        return await(reactive.rotate());
    }

    @Override
    public void delete() {
        await(reactive.delete());
    }

    private <T> T await(Uni<T> operation) {
        reactive.current();
        return Blocking.await(operation, reactive.runtime().storeCompletesImmediately(), EVENT_LOOP);
    }
}
