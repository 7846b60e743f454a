package io.quarkiverse.novasession.demo;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkus.vertx.web.Route;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;

/**
 * The same visit counter from a reactive route and from a plain Vert.x handler on the Quarkus router: the session API
 * works wherever a request is served.
 */
@Singleton
public class CounterRoutes {

    @Inject
    ReactiveNovaSession session;

    @Route(path = "/counter/route", methods = Route.HttpMethod.GET, produces = "text/plain")
    Uni<String> countFromReactiveRoute() {
        return next().map(String::valueOf);
    }

    void plainVertxHandler(@Observes Router router) {
        router.get("/counter/vertx").handler(ctx -> next().subscribe().with(
                visits -> ctx.response().putHeader("Content-Type", "text/plain").end(String.valueOf(visits)),
                ctx::fail));
    }

    private Uni<Integer> next() {
        return session.get(CounterResource.VISITS, Integer.class)
                .map(visits -> visits.orElse(0) + 1)
                .call(visits -> session.set(CounterResource.VISITS, visits));
    }
}
