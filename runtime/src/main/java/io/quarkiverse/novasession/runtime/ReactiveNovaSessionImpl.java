package io.quarkiverse.novasession.runtime;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkiverse.novasession.SessionIdNotSetException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

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
    private final int maxValueSize;

    ReactiveNovaSessionImpl(ObjectMapper mapper, NovaSessionBuildTimeConfig buildConfig, NovaSessionConfig config) {
        this.values = new SessionValues(mapper);
        this.enabled = buildConfig.enabled();
        this.maxValueSize = config.maxValueSize();
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
            if (session.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            return timed(session, () -> session.store().getValue(session.storeKey(), key))
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
            if (json.length() > maxValueSize) {
                throw new IllegalArgumentException("Session value for key '" + key + "' is " + json.length()
                        + " characters of JSON, over quarkus.nova-session.max-value-size=" + maxValueSize
                        + ": nothing was stored");
            }
            return timed(session, () -> session.store().setValue(session.storeKeyForWrite(), key, json));
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            SessionValues.checkKey(key);
            if (session.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return timed(session, () -> session.store().deleteValue(session.storeKey(), key));
        });
    }

    @Override
    public Uni<String> rotate() {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            String newId = session.runtime().ids().generate();
            if (session.isEmpty()) {
                return Uni.createFrom().item(session.rotatedTo(newId));
            }
            String newStoreKey = SessionIds.storeKey(newId);
            return timed(session, () -> session.store().renameSession(session.storeKey(), newStoreKey))
                    .map(ignored -> session.rotatedTo(newId));
        });
    }

    @Override
    public Uni<Void> delete() {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            if (session.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return timed(session, () -> session.store().deleteValue(session.storeKey()))
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
    private static <T> Uni<T> timed(RequestSession session, Supplier<Uni<T>> storeCall) {
        SessionRuntime runtime = session.runtime();
        if (runtime.storeCompletesImmediately()) {
            return storeCall.get();
        }
        String storeName = runtime.store().getClass().getSimpleName();
        Uni<T> operation = Uni.createFrom().<T> deferred(storeCall::get).onFailure(failure -> !(failure instanceof NovaSessionStoreException)
                        && !(failure instanceof UnsupportedOperationException))
                .transform(failure -> new NovaSessionStoreException("Session store " + storeName + " failed: " + failure, failure));
        Supplier<Throwable> timeout = () -> new NovaSessionStoreException("Session store " + storeName
                + " did not answer within " + runtime.storeTimeout(), null);
        Uni<T> bounded = operation.ifNoItem().after(runtime.storeTimeout()).failWith(timeout);
        Context context = Vertx.currentContext();
        if (context != null && Context.isOnEventLoopThread()) {
            // the store answers on its own threads: continue the request on its event loop, as Vert.x code expects
            return bounded.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return bounded;
    }
}
