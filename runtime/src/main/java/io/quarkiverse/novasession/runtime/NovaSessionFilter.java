package io.quarkiverse.novasession.runtime;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Rejection;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request a session before the application runs, as Nova's stream handler does: the id from a valid
 * session cookie, or a new id and a cookie for the response (or, with lazy creation, a session to be created by the
 * first write). It does not touch the store, so a request that ignores its session costs no store access; the one
 * exception is an id past the absolute timeout, whose data it ends in the background. Once the response starts, it
 * writes a last-seen refresh that the request's reads found due and no write of it carried, also in the background.
 * It knows nothing of any particular store.
 */
final class NovaSessionFilter implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(NovaSessionFilter.class);

    private final SessionRuntime runtime;
    private final SessionCookieReader reader;
    private final SessionCookieWriter writer;

    NovaSessionFilter(SessionRuntime runtime, SessionCookieReader reader, SessionCookieWriter writer) {
        this.runtime = runtime;
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!runtime.signing().ready()) {
            // the id key lives in a shared store that has not answered yet: no id can be checked or issued
            ctx.fail(new NovaSessionStoreException("The session id key kept in the session store is not available yet",
                    null));
            return;
        }
        String id = reader.sessionId(ctx.request().headers().getAll(HttpHeaders.COOKIE));
        RequestSession session;
        if (id != null && runtime.pastAbsoluteTimeout(id)) {
            runtime.metrics().rejected(Rejection.EXPIRED);
            session = RequestSession.replacingExpired(runtime.lazy() ? null : runtime.ids().generate());
            runtime.lifecycle().purgeExpired(id);
        } else if (id != null) {
            session = RequestSession.fromCookie(id, runtime.lazy());
        } else if (runtime.lazy()) {
            session = RequestSession.notYetCreated();
        } else {
            session = RequestSession.issued(runtime.ids().generate());
            if (LOG.isTraceEnabled()) {
                LOG.tracef("Issued session %s for %s", SessionIds.redact(session.id()), ctx.request().path());
            }
        }
        CurrentSession.attach(ctx, session);
        ctx.addHeadersEndHandler(ignored -> {
            writeCookie(ctx, session);
            runtime.lifecycle().touchLeftOver(session);
        });
        ctx.next();
    }

    private void writeCookie(RoutingContext ctx, RequestSession session) {
        if (session.cookieToExpire()) {
            writer.writeExpiringCookie(ctx.request());
        } else if (session.cookieToSend()) {
            writer.writeSessionCookie(ctx.request(), session.id());
        }
    }
}
