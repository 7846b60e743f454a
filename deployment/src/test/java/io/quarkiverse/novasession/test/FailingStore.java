package io.quarkiverse.novasession.test;

import java.util.Optional;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionEndedException;
import io.smallrye.mutiny.Uni;

/**
 * A {@link RecordingStore} (Nova's four operations only, answering on another thread as a network store does) that a
 * test can tell to fail: as an unreachable store ({@link NovaSessionStoreException} from every operation), or as a
 * store that keeps an end marker for the session being written ({@link SessionEndedException} from every write).
 */
public class FailingStore extends RecordingStore {

    /** How the store fails. */
    enum Mode {
        /** It works. */
        WORKING,
        /** Every operation fails with {@link NovaSessionStoreException}. */
        UNREACHABLE,
        /** Every write fails with {@link SessionEndedException}; reads work. */
        SESSION_ENDED_ON_WRITE
    }

    static volatile Mode mode = Mode.WORKING;

    @Override
    public Uni<Optional<String>> getValue(String storeKey, String key) {
        return mode == Mode.UNREACHABLE ? unreachable() : async(super.getValue(storeKey, key));
    }

    @Override
    public Uni<Void> setValue(String storeKey, String key, String value) {
        return switch (mode) {
            case UNREACHABLE -> unreachable();
            case SESSION_ENDED_ON_WRITE -> Uni.createFrom().failure(new SessionEndedException());
            case WORKING -> async(super.setValue(storeKey, key, value));
        };
    }

    @Override
    public Uni<Void> deleteValue(String storeKey) {
        return mode == Mode.UNREACHABLE ? unreachable() : async(super.deleteValue(storeKey));
    }

    @Override
    public Uni<Void> deleteValue(String storeKey, String key) {
        return mode == Mode.UNREACHABLE ? unreachable() : async(super.deleteValue(storeKey, key));
    }

    private static <T> Uni<T> async(Uni<T> answer) {
        return answer.onItem().delayIt().by(SlowStore.DELAY);
    }

    private static <T> Uni<T> unreachable() {
        return Uni.createFrom().failure(new NovaSessionStoreException("The test store is unreachable", null));
    }
}
