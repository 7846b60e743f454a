package io.quarkiverse.novasession.demo;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * Routes for the benchmark (bench/run.sh), all plain Vert.x handlers so that they cost the same apart from the
 * session layer: a baseline that never touches its session, a read and a write through this extension, and the same
 * read and write through Vert.x Web's {@link SessionHandler} with {@link LocalSessionStore}, the peer a Quarkus user
 * would reach for today.
 */
@Singleton
public class BenchmarkRoutes {

    private static final String KEY = "n";

    @Inject
    ReactiveNovaSession session;

    void routes(@Observes Router router, Vertx vertx) {
        router.get("/bench/baseline").handler(ctx -> ctx.end("ok"));
        router.get("/bench/read").handler(ctx -> session.get(KEY, Integer.class)
                .subscribe().with(value -> ctx.end(value.isPresent() ? "1" : "0"), ctx::fail));
        router.get("/bench/write").handler(ctx -> session.set(KEY, 1)
                .subscribe().with(done -> ctx.end("ok"), ctx::fail));

        router.route("/peer/*").handler(SessionHandler.create(LocalSessionStore.create(vertx)));
        router.get("/peer/read").handler(ctx -> ctx.end(ctx.session().get(KEY) != null ? "1" : "0"));
        router.get("/peer/write").handler(BenchmarkRoutes::peerWrite);
    }

    private static void peerWrite(RoutingContext ctx) {
        ctx.session().put(KEY, 1);
        ctx.end("ok");
    }
}
