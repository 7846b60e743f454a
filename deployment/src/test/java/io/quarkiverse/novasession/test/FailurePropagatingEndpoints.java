package io.quarkiverse.novasession.test;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkus.vertx.web.Route;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;

/**
 * The four kinds of endpoint, each setting {@code ?value=} under the key {@code k} and letting any failure propagate:
 * {@code /fail/rest} (Quarkus REST, blocking), {@code /fail/rest-uni} (Quarkus REST returning {@code Uni}),
 * {@code /fail/route} (a reactive route returning {@code Uni}) and {@code /fail/vertx} (a plain Vert.x handler passing
 * the failure to {@code ctx.fail}). None maps or catches anything: what answers a failure is the extension.
 */
public final class FailurePropagatingEndpoints {

    static final String[] PATHS = { "/fail/rest", "/fail/rest-uni", "/fail/route", "/fail/vertx" };

    private FailurePropagatingEndpoints() {
    }

    @Path("/fail")
    public static class Rest {

        @Inject
        NovaSession session;

        @Inject
        ReactiveNovaSession reactive;

        @GET
        @Path("/rest")
        public String blocking(@QueryParam("value") String value) {
            session.set("k", value);
            return "stored";
        }

        @GET
        @Path("/rest-uni")
        public Uni<String> reactive(@QueryParam("value") String value) {
            return reactive.set("k", value).replaceWith("stored");
        }
    }

    @Singleton
    public static class Routes {

        @Inject
        ReactiveNovaSession reactive;

        @Route(path = "/fail/route", methods = Route.HttpMethod.GET)
        Uni<String> reactiveRoute(@io.quarkus.vertx.web.Param("value") String value) {
            return reactive.set("k", value).replaceWith("stored");
        }

        void plainVertx(@Observes Router router) {
            router.get("/fail/vertx").handler(ctx -> reactive.set("k", ctx.queryParams().get("value"))
                    .subscribe().with(done -> ctx.end("stored"), ctx::fail));
        }
    }
}
