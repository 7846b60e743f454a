package io.quarkiverse.novasession.runtime;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSameSite;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSecure;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Hands the build's knowledge of the store to run time, and builds the session filter at run time.
 */
@Recorder
public class NovaSessionRecorder {

    private static final Logger LOG = Logger.getLogger(NovaSessionRecorder.class);

    private final RuntimeValue<NovaSessionConfig> config;

    public NovaSessionRecorder(RuntimeValue<NovaSessionConfig> config) {
        this.config = config;
    }

    /**
     * @return what the build knows of the chosen store, for the {@link StoreFacts} bean
     */
    public Supplier<StoreFacts> storeFacts(StoreFacts.Kind kind, boolean shared, boolean renames) {
        StoreFacts facts = new StoreFacts(kind, shared, renames);
        return () -> facts;
    }

    /**
     * @return the filter that gives every request its session, around the {@link SessionRuntime} bean
     */
    public Handler<RoutingContext> sessionFilter() {
        CookieConfig cookie = config.getValue().cookie();
        if (cookie.sameSite() == CookieSameSite.NONE && cookie.secure() == CookieSecure.NEVER) {
            LOG.warn("quarkus.nova-session.cookie.same-site=none with cookie.secure=never: browsers drop such cookies,"
                    + " so no visitor will keep a session");
        }
        SessionRuntime runtime = Arc.container().instance(SessionRuntime.class).get();
        return new NovaSessionFilter(runtime, new SessionCookieReader(cookie.name(), runtime.signing(), runtime.metrics()),
                new SessionCookieWriter(cookie));
    }
}
