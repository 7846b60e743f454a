package io.quarkiverse.novasession.test;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * A store like a network store: its answers arrive later, on another thread, so it does not complete immediately.
 */
public class SlowStore extends RecordingStore {

    static final Duration DELAY = Duration.ofMillis(20);

    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        return super.getValue(storeKey, key).onItem().delayIt().by(DELAY);
    }

    @Override
    public Uni<Void> setValue(String storeKey, String key, String value) {
        return super.setValue(storeKey, key, value).onItem().delayIt().by(DELAY);
    }
}
