package io.quarkiverse.novasession.runtime;

import io.smallrye.mutiny.Uni;

/**
 * Told when a live session moved to a new store key by rotation, before the rotation completes: what the session
 * layer keeps about a session elsewhere than in the session (the principal index of authentication on sessions) moves
 * with it. At most one bean of this type exists.
 */
public interface SessionRotationHook {

    SessionRotationHook NONE = (oldStoreKey, newStoreKey) -> Uni.createFrom().voidItem();

    Uni<Void> rotated(String oldStoreKey, String newStoreKey);
}
