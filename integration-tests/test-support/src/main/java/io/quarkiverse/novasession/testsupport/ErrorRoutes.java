package io.quarkiverse.novasession.testsupport;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.vertx.web.Route;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;

/**
 * The failures of {@link ErrorsResource} from a reactive route returning a {@code Uni}
 * ({@code POST /errors/limit/route}, {@code POST /errors/ended/route}) and from a plain Vert.x handler that passes the
 * failure to {@code ctx.fail} ({@code POST /errors/limit/vertx}, {@code POST /errors/ended/vertx}): the extension
 * answers them as it does for Quarkus REST, 413 and 409.
 */
@Singleton
public class ErrorRoutes {

    @Inject
    SessionFailures failures;

    @Route(path = "/errors/limit/route", methods = Route.HttpMethod.POST, produces = "text/plain")
    Uni<String> limitFromReactiveRoute() {
        return failures.overLimitReactively();
    }

    @Route(path = "/errors/ended/route", methods = Route.HttpMethod.POST, produces = "text/plain")
    Uni<String> endedFromReactiveRoute() {
        return failures.writeAfterEndReactively();
    }

    void plainVertxHandlers(@Observes Router router) {
        router.post("/errors/limit/vertx").handler(ctx -> failures.overLimitReactively()
                .subscribe().with(ok -> ctx.end(ok), ctx::fail));
        router.post("/errors/ended/vertx").handler(ctx -> failures.writeAfterEndReactively()
                .subscribe().with(ok -> ctx.end(ok), ctx::fail));
    }
}
