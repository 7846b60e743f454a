package io.quarkiverse.novasession.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionIdNotSetException;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Operation;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * What authentication on sessions needs of the session layer, and nothing more: the reserved identity value of a
 * request's session (read with the session's own first check, so an authenticated request costs no extra store
 * call), rotation and end of the request's session, and checked calls on other sessions for the principal index.
 * Every store call goes through the one {@link StoreCalls}.
 */
@Singleton
public final class SessionAccess {

    private static final List<String> SEEN_AND_IDENTITY = List.of(NovaSessionStore.LAST_SEEN_KEY,
            NovaSessionStore.IDENTITY_KEY);

    private static final Uni<Optional<String>> NO_IDENTITY = Uni.createFrom().item(Optional.empty());

    private final SessionRuntime runtime;
    private final Duration absoluteTimeout;

    SessionAccess(SessionRuntime runtime, NovaSessionConfig config) {
        this.runtime = runtime;
        this.absoluteTimeout = config.absoluteTimeout();
    }

    /**
     * A live session's identity and last-seen time, as another request sees it.
     *
     * @param identity the identity value (JSON text)
     * @param lastSeen epoch milliseconds
     */
    public record LiveIdentity(String identity, long lastSeen) {
    }

    /**
     * @return the identity value of the session of {@code ctx}; empty when it holds none, has no session, or its
     *         session is not live. No store access for a request whose session is new.
     */
    public Uni<Optional<String>> identity(RoutingContext ctx) {
        RequestSession session = CurrentSession.of(ctx);
        // only a login's id can hold an identity: any other request is anonymous without a store call
        if (session == null || session.id() == null || !SessionIdSigner.loggedIn(session.id())) {
            return NO_IDENTITY;
        }
        return runtime.lifecycle().read(session, NovaSessionStore.IDENTITY_KEY).uni();
    }

    /**
     * @return the identity value of the current request's session
     */
    public Uni<Optional<String>> identity() {
        RequestSession session = current();
        if (session.id() == null || !SessionIdSigner.loggedIn(session.id())) {
            return NO_IDENTITY;
        }
        return runtime.lifecycle().read(session, NovaSessionStore.IDENTITY_KEY).uni();
    }

    /**
     * Rotates the current request's session id to a login's id.
     *
     * @return the store key of the session from now on
     */
    public Uni<String> rotate() {
        RequestSession session = current();
        return runtime.lifecycle().rotate(session, true).map(ignored -> session.storeKey()).uni();
    }

    /**
     * Keeps {@code identity} in the current request's session, creating it if it holds nothing yet.
     */
    public Uni<Void> keepIdentity(String identity) {
        return runtime.lifecycle().write(current(), NovaSessionStore.IDENTITY_KEY, identity).uni();
    }

    /**
     * Ends the current request's session; the response expires its cookie.
     */
    public Uni<Void> endCurrent(NovaSessionDestroyed.Cause cause) {
        return runtime.lifecycle().end(current(), cause).uni();
    }

    /**
     * Removes the identity from the current request's session (a login the per-principal limit refused).
     */
    public Uni<Void> dropIdentity() {
        return runtime.lifecycle().deleteKey(current(), NovaSessionStore.IDENTITY_KEY).uni();
    }

    /**
     * @return the current request, or null
     */
    public RoutingContext currentRequest() {
        return CurrentSession.findRequest();
    }

    public String currentStoreKey() {
        return current().storeKey();
    }

    /**
     * @return the identity and last-seen time of the session under {@code storeKey} if it is live; empty if it ended,
     *         is gone, is idle past {@code idle-timeout} or holds no identity
     */
    public Uni<Optional<LiveIdentity>> liveIdentity(String storeKey) {
        NovaSessionStore store = runtime.store();
        return runtime.calls().call(Operation.GET_VALUES, () -> store.getValues(storeKey, SEEN_AND_IDENTITY))
                .onFailure(SessionEndedException.class).recoverWithItem(() -> null)
                .map(found -> {
                    if (found == null || found.get(0).isEmpty() || found.get(1).isEmpty()) {
                        return Optional.<LiveIdentity> empty();
                    }
                    long lastSeen;
                    try {
                        lastSeen = Long.parseLong(found.get(0).get());
                    } catch (NumberFormatException e) {
                        return Optional.<LiveIdentity> empty();
                    }
                    if (runtime.idleTooLong(lastSeen)) {
                        return Optional.<LiveIdentity> empty();
                    }
                    return Optional.of(new LiveIdentity(found.get(1).get(), lastSeen));
                });
    }

    /**
     * Ends the session under {@code storeKey}, wherever its visitor is: their next request is anonymous.
     *
     * @return whether there was a session to end
     */
    public Uni<Boolean> end(String storeKey, NovaSessionDestroyed.Cause cause) {
        NovaSessionStore store = runtime.store();
        return runtime.calls().call(Operation.END_SESSION, () -> store.endSession(storeKey)).invoke(existed -> {
            if (existed) {
                runtime.events().destroyed(storeKey, cause);
            }
        });
    }

    /**
     * The principal index entries under {@code principalKey} ({@link NovaSessionStore#principalSessions}).
     */
    public Uni<Map<String, String>> principalSessions(String principalKey) {
        NovaSessionStore store = runtime.store();
        return runtime.calls().call(Operation.PRINCIPAL_SESSIONS, () -> store.principalSessions(principalKey));
    }

    /**
     * One atomic change of the principal index ({@link NovaSessionStore#updatePrincipalSessions}), which then lives
     * {@code absolute-timeout}: the longest a session logged in now can live.
     */
    public Uni<Map<String, String>> updatePrincipalSessions(String principalKey,
            UnaryOperator<Map<String, String>> change) {
        NovaSessionStore store = runtime.store();
        return runtime.calls().call(Operation.UPDATE_PRINCIPAL_SESSIONS,
                () -> store.updatePrincipalSessions(principalKey, change, absoluteTimeout));
    }

    public boolean storeCompletesImmediately() {
        return runtime.storeCompletesImmediately();
    }

    public NovaSessionStore store() {
        return runtime.store();
    }

    private static RequestSession current() {
        RequestSession session = CurrentSession.find();
        if (session == null) {
            throw new SessionIdNotSetException(ReactiveNovaSessionImpl.NO_REQUEST);
        }
        return session;
    }
}
