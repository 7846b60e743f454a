package io.quarkiverse.novasession.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkiverse.novasession.SessionIdNotSetException;
import io.quarkiverse.novasession.runtime.RequestSession.State;
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

    private static final Uni<Optional<String>> ABSENT = Uni.createFrom().item(Optional.empty());
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();
    private static final List<String> LAST_SEEN_ONLY = List.of(NovaSessionStore.LAST_SEEN_KEY);

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
    public String storeKey() {
        return current().storeKey();
    }

    @Override
    public <T> Uni<Optional<T>> get(String key, Class<T> type) {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            SessionValues.checkKey(key);
            if (type == null) {
                throw new IllegalArgumentException("Session value type must not be null");
            }
            Uni<Optional<String>> json = switch (session.state()) {
                case NONE, NEW -> ABSENT;
                case LIVE -> timed(session, () -> session.store().getValue(session.storeKey(), key));
                case UNVERIFIED -> verify(session, key);
            };
            return json.map(found -> found.map(text -> values.read(key, text, type)));
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
                throw new SessionLimitException(key, "Session value for key '" + key + "' is " + json.length()
                        + " characters of JSON, over quarkus.nova-session.max-value-size=" + maxValueSize
                        + ": nothing was stored");
            }
            return afterVerification(session).chain(() -> {
                session.ensureId();
                if (session.state() == State.LIVE) {
                    return timed(session, () -> session.store().setValue(session.storeKey(), key, json));
                }
                // the first write of a session: it starts its last-seen clock, in the same store call where possible
                String storeKey = session.storeKey();
                Map<String, String> first = new LinkedHashMap<>(4);
                first.put(NovaSessionStore.LAST_SEEN_KEY, Long.toString(session.runtime().now()));
                first.put(key, json);
                return timed(session, () -> session.store().setValues(storeKey, first)).invoke(() -> {
                    session.stored();
                    session.runtime().events().created(storeKey);
                });
            });
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            SessionValues.checkKey(key);
            return afterVerification(session).chain(() -> session.state() != State.LIVE ? DONE
                    : timed(session, () -> session.store().deleteValue(session.storeKey(), key)));
        });
    }

    @Override
    public Uni<String> rotate() {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            return afterVerification(session).chain(() -> {
                SessionRuntime runtime = session.runtime();
                // the new id keeps the session's start, so that rotating never extends the absolute timeout
                String newId = session.id() == null ? runtime.ids().generate()
                        : runtime.ids().generate(SessionIdSigner.sessionStart(session.id()));
                if (session.state() != State.LIVE) {
                    return Uni.createFrom().item(session.rotatedTo(newId));
                }
                String oldStoreKey = session.storeKey();
                return timed(session, () -> session.store().renameSession(oldStoreKey, SessionIds.storeKey(newId)))
                        .map(ignored -> {
                            runtime.events().destroyed(oldStoreKey, NovaSessionDestroyed.Cause.ROTATED);
                            return session.rotatedTo(newId);
                        });
            });
        });
    }

    @Override
    public Uni<Void> delete() {
        return Uni.createFrom().deferred(() -> {
            RequestSession session = current();
            return switch (session.state()) {
                case NONE -> DONE;
                case NEW -> {
                    session.markDeleted();
                    yield DONE;
                }
                case LIVE, UNVERIFIED -> {
                    String storeKey = session.storeKey();
                    yield timed(session, () -> session.store().deleteValue(storeKey)).invoke(() -> {
                        session.markDeleted();
                        session.runtime().events().destroyed(storeKey, NovaSessionDestroyed.Cause.DELETED);
                    });
                }
            };
        });
    }

    /**
     * Completes once the session's state in the store is known: at the first operation of a request that came with a
     * session cookie, its last-seen time is read.
     */
    private Uni<Void> afterVerification(RequestSession session) {
        return session.state() == State.UNVERIFIED ? verify(session, null).replaceWithVoid() : DONE;
    }

    /**
     * Reads the last-seen time of a session from a cookie, with the value of {@code key} if not null, in one store call
     * where the store can. An expired session is deleted and replaced ({@link RequestSession#replaced()}); a live one
     * has its last-seen time refreshed at most once per touch interval.
     *
     * @return the value of {@code key} in the live session, or empty
     */
    private Uni<Optional<String>> verify(RequestSession session, String key) {
        String storeKey = session.storeKey();
        List<String> keys = key == null ? LAST_SEEN_ONLY : List.of(NovaSessionStore.LAST_SEEN_KEY, key);
        SessionRuntime runtime = session.runtime();
        return timed(session, () -> session.store().getValues(storeKey, keys)).chain(found -> {
            Optional<String> seen = found.get(0);
            Optional<String> value = key == null ? Optional.empty() : found.get(1);
            if (seen.isEmpty() && value.isEmpty()) {
                // nothing stored under this id: rotated away, deleted, expired and dropped by the store, or never
                // written. An id that holds nothing is never adopted, so that an id obtained before (and planted in a
                // victim's browser) cannot become the victim's session: it is replaced like an expired one.
                session.replaced();
                return ABSENT;
            }
            long lastSeen = seen.map(ReactiveNovaSessionImpl::millis).orElse(0L);
            if (seen.isPresent() && runtime.idleTooLong(lastSeen)) {
                return timed(session, () -> session.store().deleteValue(storeKey)).map(ignored -> {
                    session.replaced();
                    runtime.events().expired(storeKey);
                    return Optional.<String> empty();
                });
            }
            session.verified();
            if (runtime.dueForTouch(lastSeen)) {
                return timed(session, () -> session.store().setValue(storeKey, NovaSessionStore.LAST_SEEN_KEY,
                        Long.toString(runtime.now()))).replaceWith(value);
            }
            return Uni.createFrom().item(value);
        });
    }

    /**
     * A last-seen time as stored; anything else reads as long ago, so that a damaged entry expires instead of living
     * for ever.
     */
    private static long millis(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0L;
        }
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
                        && !(failure instanceof UnsupportedOperationException)
                        && !(failure instanceof SessionLimitException))
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
