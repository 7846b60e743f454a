package io.quarkiverse.novasession.runtime;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.SessionLoginRefusedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers the failures the session layer raises, from every kind of endpoint (Quarkus REST passes the exceptions it has
 * no mapper for to the router; reactive routes and Vert.x handlers fail their routing context), with a status that
 * says what happened, a short text and no stack trace, instead of a 500: a breached limit is 413, a write to a session
 * another request ended is 409, a store that is away is 503 with {@code Retry-After}, a login over the per-principal session
 * limit is 403. Each kind is logged at most once
 * a minute, with a count. An application that maps these exceptions itself keeps its own answer.
 */
@Singleton
public class SessionFailureHandler {

    private final ThrottledLog limits = new ThrottledLog(SessionFailureHandler.class);
    private final ThrottledLog ended = new ThrottledLog(SessionFailureHandler.class);
    private final ThrottledLog store = new ThrottledLog(SessionFailureHandler.class);
    private final ThrottledLog refused = new ThrottledLog(SessionFailureHandler.class);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext ctx) {
        Throwable failure = sessionFailure(ctx.failure());
        if (failure == null) {
            ctx.next();
            return;
        }
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        if (failure instanceof SessionLimitException) {
            limits.warn("%d session writes refused for a limit in the last minute, the last %s %s: %s", method, path,
                    failure.getMessage());
            answer(ctx, 413, null, failure.getMessage());
        } else if (failure instanceof SessionLoginRefusedException) {
            refused.warn("%d logins refused in the last minute for max-sessions-per-principal, the last %s %s", method,
                    path);
            answer(ctx, 403, null, failure.getMessage());
        } else if (failure instanceof SessionEndedException) {
            ended.warn("%d session writes refused in the last minute because another request had ended the session, "
                    + "the last %s %s", method, path);
            answer(ctx, 409, null, failure.getMessage());
        } else {
            store.warn("%d requests answered 503 in the last minute because the session store failed, the last %s %s: "
                    + "%s", method, path, failure.getMessage());
            answer(ctx, 503, "5", "Session store unavailable, try again shortly");
        }
    }

    private static void answer(RoutingContext ctx, int status, String retryAfter, String body) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8");
        if (retryAfter != null) {
            ctx.response().putHeader("Retry-After", retryAfter);
        }
        ctx.response().end(body);
    }

    private static Throwable sessionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NovaSessionStoreException || cause instanceof SessionLimitException
                    || cause instanceof SessionEndedException || cause instanceof SessionLoginRefusedException) {
                return cause;
            }
        }
        return null;
    }
}
