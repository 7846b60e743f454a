package io.quarkiverse.novasession.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Finds the session of the request being served on the current thread, wherever the application code runs: the
 * request's Vert.x duplicated context (event loop, reactive routes, plain Vert.x handlers, and worker threads that
 * carry it), or else the CDI request context's {@link CurrentVertxRequest} (Quarkus REST worker threads).
 */
final class CurrentSession {

    private static final String KEY = RequestSession.class.getName();
    private static final String REQUEST_KEY = RoutingContext.class.getName();

    private CurrentSession() {
    }

    /**
     * @return the session the filter gave {@code ctx}, or null
     */
    static RequestSession of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    static void attach(RoutingContext ctx, RequestSession session) {
        ctx.put(KEY, session);
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            ContextLocals.put(KEY, session);
            ContextLocals.put(REQUEST_KEY, ctx);
        }
    }

    /**
     * @return the current request, found as {@link #find()} finds its session, or null
     */
    static RoutingContext findRequest() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            RoutingContext ctx = context.getLocal(REQUEST_KEY);
            if (ctx != null) {
                return ctx;
            }
        }
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        InstanceHandle<CurrentVertxRequest> request = container.instance(CurrentVertxRequest.class);
        return request.isAvailable() ? request.get().getCurrent() : null;
    }

    /**
     * @return the current request's session, or null outside a request that went through the session filter
     */
    static RequestSession find() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            RequestSession session = context.getLocal(KEY);
            if (session != null) {
                return session;
            }
        }
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        InstanceHandle<CurrentVertxRequest> request = container.instance(CurrentVertxRequest.class);
        if (!request.isAvailable()) {
            return null;
        }
        RoutingContext ctx = request.get().getCurrent();
        return ctx == null ? null : ctx.get(KEY);
    }
}
