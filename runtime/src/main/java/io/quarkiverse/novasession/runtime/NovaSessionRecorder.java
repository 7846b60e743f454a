package io.quarkiverse.novasession.runtime;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSameSite;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSecure;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Builds the session filter at run time, around the store chosen at build time.
 */
@Recorder
public class NovaSessionRecorder {

    private static final Logger LOG = Logger.getLogger(NovaSessionRecorder.class);

    private final RuntimeValue<NovaSessionConfig> config;

    public NovaSessionRecorder(RuntimeValue<NovaSessionConfig> config) {
        this.config = config;
    }

    /**
     * @param storeClassName the store class selected at build time, a bean of the application
     */
    public Handler<RoutingContext> sessionFilter(String storeClassName, boolean sharedStore) {
        NovaSessionConfig settings = config.getValue();
        CookieConfig cookie = settings.cookie();
        if (cookie.sameSite() == CookieSameSite.NONE && cookie.secure() == CookieSecure.NEVER) {
            LOG.warn("quarkus.nova-session.cookie.same-site=none with cookie.secure=never: browsers drop such cookies,"
                    + " so no visitor will keep a session");
        }
        SessionIdSigner ids = signer(settings, storeClassName, sharedStore);
        checkTimeouts(settings);
        SessionRuntime runtime = new SessionRuntime(lookUpStore(storeClassName), ids,
                Arc.container().instance(SessionEvents.class).get(), settings);
        return new NovaSessionFilter(runtime, new SessionCookieReader(cookie.name(), ids), new SessionCookieWriter(cookie));
    }

    private static void checkTimeouts(NovaSessionConfig settings) {
        if (settings.idleTimeout().isNegative() || settings.idleTimeout().isZero()
                || settings.absoluteTimeout().isNegative() || settings.absoluteTimeout().isZero()) {
            throw new ConfigurationException("quarkus.nova-session.idle-timeout and absolute-timeout must be positive");
        }
        if (settings.touchInterval().compareTo(settings.idleTimeout()) >= 0) {
            throw new ConfigurationException("quarkus.nova-session.touch-interval (" + settings.touchInterval()
                    + ") must be shorter than idle-timeout (" + settings.idleTimeout() + "), or an active session would"
                    + " expire between two refreshes of its last-seen time");
        }
        if (settings.maxKeys() < 1 || settings.maxValueSize() < 1) {
            throw new ConfigurationException("quarkus.nova-session.max-keys and max-value-size must be at least 1");
        }
    }

    private static SessionIdSigner signer(NovaSessionConfig settings, String storeClassName, boolean sharedStore) {
        if (settings.idKeys().isPresent() && !settings.idKeys().get().isEmpty()) {
            try {
                return new SessionIdSigner(settings.idKeys().get());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }
        if (sharedStore) {
            throw new ConfigurationException("quarkus.nova-session.id-keys is not set: with a store shared by several "
                    + "instances, every instance must sign and verify session ids with the same keys, or a visitor "
                    + "would lose the session on reaching another instance. Set quarkus.nova-session.id-keys to one or "
                    + "more secrets of at least 32 characters, the same on every instance (e.g. from an environment "
                    + "variable: QUARKUS_NOVA_SESSION_ID_KEYS)");
        }
        if (!storeClassName.endsWith(".MemoryNovaSessionStore")) {
            LOG.warn("quarkus.nova-session.id-keys is not set: session ids are signed with a random key of this "
                    + "instance only. If several instances share the store " + storeClassName
                    + ", set the same quarkus.nova-session.id-keys on all of them");
        }
        return SessionIdSigner.withRandomKey();
    }

    private static NovaSessionStore lookUpStore(String storeClassName) {
        try {
            Class<?> storeClass = Class.forName(storeClassName, true, Thread.currentThread().getContextClassLoader());
            return (NovaSessionStore) Arc.container().instance(storeClass).get();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Session store class " + storeClassName + " is missing at run time", e);
        }
    }
}
