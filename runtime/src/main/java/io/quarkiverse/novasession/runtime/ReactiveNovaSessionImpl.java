package io.quarkiverse.novasession.runtime;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkiverse.novasession.SessionIdNotSetException;
import io.smallrye.mutiny.Uni;

/**
 * The reactive core of the session API. The blocking {@link NovaSessionImpl} wraps it.
 */
@Singleton
public class ReactiveNovaSessionImpl implements ReactiveNovaSession {

    static final String DISABLED = "Sessions are disabled: set quarkus.nova-session.enabled=true "
            + "(or remove quarkus.nova-session.enabled=false) to give every HTTP request a session";
    static final String NO_REQUEST = "No HTTP request is active on this thread, so there is no session: "
            + "use the session API while serving a request";

    private final SessionValues values;
    private final boolean enabled;

    ReactiveNovaSessionImpl(ObjectMapper mapper, NovaSessionBuildTimeConfig buildConfig) {
        this.values = new SessionValues(mapper);
        this.enabled = buildConfig.enabled();
    }

    @Override
    public String id() {
        return current().id();
    }

    @Override
    public <T> Uni<Optional<T>> get(String key, Class<T> type) {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            SessionValues.checkKey(key);
            if (type == null) {
                throw new IllegalArgumentException("Session value type must not be null");
            }
            if (session.isDeleted()) {
                return Uni.createFrom().item(Optional.empty());
            }
            return timed(session, session.store().getValue(session.id(), key))
                    .map(json -> json.map(text -> values.read(key, text, type)));
        });
    }

    @Override
    public Uni<Void> set(String key, Object value) {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            SessionValues.checkKey(key);
            SessionValues.checkValue(key, value);
            String json = values.write(key, value);
            return timed(session, session.store().setValue(session.idForWrite(), key, json));
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            SessionValues.checkKey(key);
            if (session.isDeleted()) {
                return Uni.createFrom().voidItem();
            }
            return timed(session, session.store().deleteValue(session.id(), key));
        });
    }

    @Override
    public Uni<Void> delete() {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            if (session.isDeleted()) {
                return Uni.createFrom().voidItem();
            }
            return timed(session, session.store().deleteValue(session.id()))
                    .invoke(session::markDeleted);
        });
    }

    /**
     * @throws SessionIdNotSetException when there is no session to work on
     */
    RequestSession current() {
        RequestSession session = CurrentSession.find();
        if (session == null) {
            throw new SessionIdNotSetException(enabled ? NO_REQUEST : DISABLED);
        }
        return session;
    }

    /**
     * Bounds the wait for a store that does not answer at once, so that an unreachable store fails a request instead
     * of hanging it. In-process stores are not timed: they complete before this returns, and a timer would cost more
     * than the operation.
     */
    private static <T> Uni<T> timed(RequestSession session, Uni<T> operation) {
        SessionRuntime runtime = session.runtime();
        if (runtime.storeCompletesImmediately()) {
            return operation;
        }
        Supplier<Throwable> timeout = () -> new NovaSessionStoreException("Session store "
                + runtime.store().getClass().getSimpleName() + " did not answer within " + runtime.storeTimeout(), null);
        return operation.ifNoItem().after(runtime.storeTimeout()).failWith(timeout);
    }
}
