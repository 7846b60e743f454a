package io.quarkiverse.novasession.bench;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * The peer of the benchmark (bench/run.sh): every scenario of {@link BenchmarkRoutes} through Vert.x Web's
 * {@link SessionHandler} with a {@link LocalSessionStore} (the Vert.x version the Quarkus BOM manages), with its
 * defaults, on {@code /peer/*}: what a Quarkus user would wire by hand today. {@code /rest/peer/*} gets the same
 * handler in front of the Quarkus REST endpoints of {@link BenchmarkResource}.
 * <p>
 * The {@code /peer/*} routes run before Quarkus' filters, the session filter of this extension included, as they would
 * in an application without it: {@code /peer/*} pays for Vert.x' sessions only. Compare them with {@code /bench/bare},
 * which runs at the same place with no session layer.
 */
@Singleton
public class VertxSessionPeerRoutes {

    private LocalSessionStore store;

    void routes(@Observes Router router, Vertx vertx) {
        store = LocalSessionStore.create(vertx);
        SessionHandler sessions = SessionHandler.create(store);
        router.route("/peer/*").order(BenchmarkRoutes.BEFORE_FILTERS).handler(sessions);
        router.route("/rest/peer/*").order(BenchmarkRoutes.BEFORE_FILTERS).handler(sessions);
        router.get("/peer/read").order(BenchmarkRoutes.BEFORE_FILTERS + 1).handler(VertxSessionPeerRoutes::read);
        router.get("/peer/write").order(BenchmarkRoutes.BEFORE_FILTERS + 1).handler(VertxSessionPeerRoutes::write);
        router.get("/peer/counter").order(BenchmarkRoutes.BEFORE_FILTERS + 1).handler(VertxSessionPeerRoutes::counter);
        router.get("/peer/create").order(BenchmarkRoutes.BEFORE_FILTERS + 1).handler(VertxSessionPeerRoutes::create);
    }

    LocalSessionStore store() {
        return store;
    }

    private static void read(RoutingContext ctx) {
        Integer value = ctx.session().get(BenchmarkRoutes.KEY);
        ctx.end(value != null ? "1" : "0");
    }

    private static void write(RoutingContext ctx) {
        ctx.session().put(BenchmarkRoutes.KEY, 1);
        ctx.end("ok");
    }

    private static void counter(RoutingContext ctx) {
        Session session = ctx.session();
        Integer value = session.get(BenchmarkRoutes.KEY);
        int next = (value == null ? 0 : value) + 1;
        session.put(BenchmarkRoutes.KEY, next);
        ctx.end(Integer.toString(next));
    }

    private static void create(RoutingContext ctx) {
        Session session = ctx.session();
        session.put(BenchmarkRoutes.KEY, 42);
        session.put(BenchmarkRoutes.NAME, ctx.request().getParam("name", "alice"));
        ctx.end("ok");
    }
}
