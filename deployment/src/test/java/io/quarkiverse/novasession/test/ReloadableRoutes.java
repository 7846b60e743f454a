package io.quarkiverse.novasession.test;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.vertx.ext.web.Router;

/**
 * Routes whose answer carries a version, which the live-reload test changes in the source: an answer with the new
 * version shows that the application was rebuilt and restarted.
 */
public class ReloadableRoutes {

    static final String VERSION = "v1";

    @Inject
    ReactiveNovaSession session;

    void routes(@Observes Router router) {
        router.get("/reloadable/set").handler(ctx -> session.set("cart", ctx.queryParams().get("value"))
                .subscribe().with(ignored -> ctx.end(VERSION), ctx::fail));
        router.get("/reloadable/get").handler(ctx -> session.get("cart", String.class)
                .subscribe().with(value -> ctx.end(value.orElse("<none>") + "@" + VERSION), ctx::fail));
    }
}
