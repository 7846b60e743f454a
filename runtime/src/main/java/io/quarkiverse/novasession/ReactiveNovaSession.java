package io.quarkiverse.novasession;

import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * The session of the current HTTP request, for event-loop code: Quarkus REST methods returning {@code Uni}, reactive
 * routes, plain Vert.x handlers.
 * <p>
 * The same operations as {@link NovaSession}. Every error, invalid arguments included, is reported as a failed
 * {@link Uni}; no method throws.
 */
public interface ReactiveNovaSession {

    /**
     * @return the current request's session id; null with {@code quarkus.nova-session.create=lazy} while the visitor
     *         has no session yet
     * @throws SessionIdNotSetException outside an HTTP request or when sessions are disabled (this is the one method
     *         that does not return a {@code Uni})
     */
    String id();

    /**
     * @return the key the store keeps this session under: a SHA-256 of {@link #id()}, the same as in the lifecycle
     *         events ({@link NovaSessionCreated} ...). Safe to log or to keep (for example to find a user's sessions),
     *         since it cannot be turned back into a cookie; null when {@link #id()} is
     */
    String storeKey();

    /**
     * @see NovaSession#get(String, Class)
     */
    <T> Uni<Optional<T>> get(String key, Class<T> type);

    /**
     * @see NovaSession#set(String, Object)
     */
    Uni<Void> set(String key, Object value);

    /**
     * @see NovaSession#delete(String)
     */
    Uni<Void> delete(String key);

    /**
     * @see NovaSession#rotate()
     */
    Uni<String> rotate();

    /**
     * @see NovaSession#delete()
     */
    Uni<Void> delete();
}
