package io.quarkiverse.novasession.runtime;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkiverse.novasession.SessionIdNotSetException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Rejection;
import io.smallrye.mutiny.Uni;

/**
 * The reactive core of the session API: argument checks, JSON, and delegation to the request's
 * {@link SessionLifecycle}. The blocking {@link NovaSessionImpl} wraps it.
 */
@Singleton
public class ReactiveNovaSessionImpl implements ReactiveNovaSession {

    static final String DISABLED = "Sessions are disabled: set quarkus.nova-session.enabled=true "
            + "(or remove quarkus.nova-session.enabled=false) to give every HTTP request a session";
    static final String NO_REQUEST = "No HTTP request is active on this thread, so there is no session: "
            + "use the session API while serving a request";

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final SessionValues values;
    private final boolean enabled;
    private final int maxValueSize;
    private final int maxKeyLength;
    /** Resolved at the first session operation: with sessions disabled there is none, and no runtime either. */
    private final Instance<SessionRuntime> runtime;
    private volatile SessionRuntime resolvedRuntime;

    ReactiveNovaSessionImpl(ObjectMapper mapper, NovaSessionBuildTimeConfig buildConfig, NovaSessionConfig config,
            Instance<SessionRuntime> runtime) {
        this.runtime = runtime;
        this.values = new SessionValues(mapper);
        this.enabled = buildConfig.enabled();
        this.maxValueSize = config.maxValueSize();
        this.maxKeyLength = config.maxKeyLength();
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
        return new SessionOperation<>(this, session -> {
            SessionValues.checkKey(key);
            if (type == null) {
                throw new IllegalArgumentException("Session value type must not be null");
            }
            if (key.length() > maxKeyLength) {
                // never stored: a key this long is refused by set
                return Uni.createFrom().item(Optional.<T> empty());
            }
            return lifecycle().read(session, key).map(found -> found.map(text -> values.read(key, text, type))).uni();
        });
    }

    @Override
    public Uni<Void> set(String key, Object value) {
        return new SessionOperation<>(this, session -> {
            SessionValues.checkKey(key);
            SessionValues.checkValue(key, value);
            if (key.length() > maxKeyLength) {
                runtime().metrics().rejected(Rejection.LIMIT);
                throw new SessionLimitException(key.substring(0, 32), "Session key of " + key.length()
                        + " characters is over quarkus.nova-session.max-key-length=" + maxKeyLength
                        + ": nothing was stored");
            }
            String json = values.write(key, value);
            if (json.length() > maxValueSize) {
                runtime().metrics().rejected(Rejection.LIMIT);
                throw new SessionLimitException(key, "Session value for key '" + key + "' is " + json.length()
                        + " characters of JSON, over quarkus.nova-session.max-value-size=" + maxValueSize
                        + ": nothing was stored");
            }
            return lifecycle().write(session, key, json).uni();
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return new SessionOperation<>(this, session -> {
            SessionValues.checkKey(key);
            if (key.length() > maxKeyLength) {
                return DONE;
            }
            return lifecycle().deleteKey(session, key).uni();
        });
    }

    @Override
    public Uni<String> rotate() {
        return new SessionOperation<>(this, session -> lifecycle().rotate(session).uni());
    }

    @Override
    public Uni<Void> delete() {
        return new SessionOperation<>(this, session -> lifecycle().end(session).uni());
    }

    private SessionLifecycle lifecycle() {
        return runtime().lifecycle();
    }

    SessionRuntime runtime() {
        SessionRuntime resolved = resolvedRuntime;
        if (resolved == null) {
            // looked up once: an Instance lookup on every operation showed in the read path's allocations
            resolved = runtime.get();
            resolvedRuntime = resolved;
        }
        return resolved;
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
}
