package io.quarkiverse.novasession.bench;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * The peer of the benchmark (bench/run.sh): the read and write of {@link BenchmarkRoutes} through Vert.x Web's
 * {@link SessionHandler} with a {@link LocalSessionStore} (the Vert.x version the Quarkus BOM manages), with its
 * defaults, on {@code /peer/*}: what a Quarkus user would wire by hand today.
 * <p>
 * These routes run before Quarkus' filters, the session filter of this extension included, as they would in an
 * application without it: {@code /peer/*} pays for Vert.x' sessions only. Compare them with {@code /bench/bare}, which
 * runs at the same place with no session layer.
 */
@Singleton
public class VertxSessionPeerRoutes {

    void routes(@Observes Router router, Vertx vertx) {
        router.route("/peer/*").order(BenchmarkRoutes.BEFORE_FILTERS)
                .handler(SessionHandler.create(LocalSessionStore.create(vertx)));
        router.get("/peer/read").order(BenchmarkRoutes.BEFORE_FILTERS + 1).handler(VertxSessionPeerRoutes::read);
        router.get("/peer/write").order(BenchmarkRoutes.BEFORE_FILTERS + 1).handler(VertxSessionPeerRoutes::write);
    }

    private static void read(RoutingContext ctx) {
        Integer value = ctx.session().get(BenchmarkRoutes.KEY);
        ctx.end(value != null ? "1" : "0");
    }

    private static void write(RoutingContext ctx) {
        ctx.session().put(BenchmarkRoutes.KEY, 1);
        ctx.end("ok");
    }
}
