package io.quarkiverse.novasession.runtime;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose session store failed with 503 Service Unavailable and one log line, instead of a 500 with a
 * stack trace: the store is away, the application is not broken. It sees the failures of every kind of endpoint (Quarkus
 * REST passes the exceptions it has no mapper for to the router).
 */
@Singleton
public class StoreFailureHandler {

    private static final Logger LOG = Logger.getLogger(StoreFailureHandler.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        NovaSessionStoreException failure = storeFailure(ctx.failure());
        if (failure == null) {
            ctx.next();
            return;
        }
        LOG.warnf("%s %s answered 503: %s", ctx.request().method(), ctx.request().path(), failure.getMessage());
        if (!ctx.response().headWritten()) {
            ctx.response().setStatusCode(503).putHeader("Retry-After", "5")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Session store unavailable, try again shortly");
        } else {
            ctx.response().close();
        }
    }

    private static NovaSessionStoreException storeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NovaSessionStoreException storeException) {
                return storeException;
            }
        }
        return null;
    }
}
