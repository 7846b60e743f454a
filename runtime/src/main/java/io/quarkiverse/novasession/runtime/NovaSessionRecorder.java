package io.quarkiverse.novasession.runtime;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSameSite;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSecure;
import io.quarkus.arc.Arc;
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
    public Handler<RoutingContext> sessionFilter(String storeClassName) {
        NovaSessionConfig settings = config.getValue();
        CookieConfig cookie = settings.cookie();
        if (cookie.sameSite() == CookieSameSite.NONE && cookie.secure() == CookieSecure.NEVER) {
            LOG.warn("quarkus.nova-session.cookie.same-site=none with cookie.secure=never: browsers drop such cookies,"
                    + " so no visitor will keep a session");
        }
        SessionRuntime runtime = new SessionRuntime(lookUpStore(storeClassName), settings.storeTimeout());
        return new NovaSessionFilter(runtime, new SessionCookieReader(cookie.name()), new SessionCookieWriter(cookie));
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
