package io.quarkiverse.novasession.test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * A read held open, for a race decided by the test: {@code /held-get/k} reads {@code k}, counts {@link #READ} down,
 * then answers what it read only once the test completes {@link #RELEASE}. Whatever the test does meanwhile happens
 * between the request's read and its response, every time.
 */
@Singleton
public class HeldReadRoutes {

    public static final CountDownLatch READ = new CountDownLatch(1);
    public static final CompletableFuture<Void> RELEASE = new CompletableFuture<>();

    @Inject
    ReactiveNovaSession reactive;

    void routes(@Observes Router router) {
        router.get("/held-get/:key").handler(ctx -> {
            Context context = Vertx.currentContext();
            reactive.get(ctx.pathParam("key"), String.class)
                    .invoke(READ::countDown)
                    // the test releases it from its own thread: the response goes on as it began, on the request's context
                    .call(read -> Uni.createFrom().completionStage(RELEASE)
                            .emitOn(task -> context.runOnContext(ignored -> task.run())))
                    .subscribe().with(read -> ctx.end(read.orElse("<none>")),
                            failure -> ctx.response().setStatusCode(500).end(failure.toString()));
        });
    }
}
