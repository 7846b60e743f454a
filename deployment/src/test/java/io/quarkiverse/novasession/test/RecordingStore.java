package io.quarkiverse.novasession.test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.smallrye.mutiny.Uni;

/**
 * An application store without any bean annotation, chosen by class name: it records every call so tests can see
 * what reached the store, and injects a bean to prove the extension made it a CDI bean.
 */
public class RecordingStore implements NovaSessionStore {

    public static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private final MemoryNovaSessionStore data = new MemoryNovaSessionStore();

    @Inject
    StoreNaming naming;

    /**
     * @return whether CDI injected this store's dependency
     */
    public boolean namingInjected() {
        return naming != null;
    }

    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        CALLS.add("get " + storeKey + " " + key);
        return data.getValue(storeKey, key).map(value -> value.map(naming::tag));
    }

    @Override
    public Uni<Void> setValue(String storeKey, String key, String value) {
        CALLS.add("set " + storeKey + " " + key);
        return data.setValue(storeKey, key, value);
    }

    @Override
    public Uni<Void> deleteValue(String storeKey) {
        CALLS.add("delete " + storeKey);
        return data.deleteValue(storeKey);
    }

    @Override
    public Uni<Void> deleteValue(String storeKey, String key) {
        CALLS.add("delete " + storeKey + " " + key);
        return data.deleteValue(storeKey, key);
    }
}
