package io.quarkiverse.novasession.test;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Plain Vert.x routes on the Quarkus router that drive the session API. A failure is answered with status 500 and
 * the body {@code ExceptionClass: message}, so that tests can assert on it.
 */
@Singleton
public class SessionRoutes {

    @Inject
    ReactiveNovaSession reactive;

    @Inject
    NovaSession blocking;

    void routes(@Observes Router router) {
        router.get("/id").handler(ctx -> answer(ctx, () -> String.valueOf(reactive.id())));
        router.get("/get/:key").handler(ctx -> reactive.get(ctx.pathParam("key"), String.class)
                .subscribe().with(value -> ctx.end(value.orElse("<none>")), failure -> fail(ctx, failure)));
        router.get("/set/:key").handler(ctx -> reactive.set(ctx.pathParam("key"), ctx.queryParams().get("value"))
                .subscribe().with(done -> ctx.end(reactive.id()), failure -> fail(ctx, failure)));
        router.get("/delete-session").handler(ctx -> reactive.delete()
                .subscribe().with(done -> ctx.end("deleted"), failure -> fail(ctx, failure)));
        router.get("/blocking/id").handler(ctx -> answer(ctx, () -> blocking.id()));
        router.get("/blocking/get/:key")
                .handler(ctx -> answer(ctx, () -> blocking.get(ctx.pathParam("key"), String.class).orElse("<none>")));
        router.get("/blocking/set/:key").handler(ctx -> answer(ctx, () -> {
            blocking.set(ctx.pathParam("key"), ctx.queryParams().get("value"));
            return blocking.id();
        }));
        router.get("/rotate").handler(ctx -> reactive.rotate()
                .subscribe().with(ctx::end, failure -> fail(ctx, failure)));
        router.get("/delete/:key").handler(ctx -> reactive.delete(ctx.pathParam("key"))
                .subscribe().with(done -> ctx.end("deleted"), failure -> fail(ctx, failure)));
        router.get("/store-key").handler(ctx -> answer(ctx, () -> String.valueOf(reactive.storeKey())));
        router.get("/nothing").handler(ctx -> ctx.end("nothing"));
        // a read, then a write of the same key: /get-then-set/k?value=v answers what it read
        router.get("/get-then-set/:key").handler(ctx -> reactive.get(ctx.pathParam("key"), String.class)
                .call(read -> reactive.set(ctx.pathParam("key"), ctx.queryParams().get("value")))
                .subscribe().with(read -> ctx.end(read.orElse("<none>")), failure -> fail(ctx, failure)));
        // a read, then a rotation: /get-then-rotate/k answers the new id
        router.get("/get-then-rotate/:key").handler(ctx -> reactive.get(ctx.pathParam("key"), String.class)
                .chain(read -> reactive.rotate())
                .subscribe().with(ctx::end, failure -> fail(ctx, failure)));
        // two sets at once in one request, each its own Uni, combined: /set-both?a=..&b=.. answers the id afterwards
        router.get("/set-both").handler(ctx -> Uni.combine().all()
                .unis(reactive.set("a", ctx.queryParams().get("a")), reactive.set("b", ctx.queryParams().get("b")))
                .discardItems()
                .subscribe().with(done -> ctx.end(reactive.id()), failure -> fail(ctx, failure)));
    }

    private static void answer(RoutingContext ctx, java.util.function.Supplier<String> body) {
        String result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            fail(ctx, e);
            return;
        }
        ctx.end(result);
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        ctx.response().setStatusCode(500).end(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
