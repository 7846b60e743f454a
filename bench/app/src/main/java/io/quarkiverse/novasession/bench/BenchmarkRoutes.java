package io.quarkiverse.novasession.bench;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.vertx.ext.web.Router;

/**
 * Routes for the benchmark (bench/run.sh), all plain Vert.x handlers on the Quarkus router, so that they cost the same
 * apart from the session layer: a baseline that never touches its session, a read, a blind write, a read-then-write
 * (a visit counter in one {@code Uni} chain) and a new visitor's first write, through this extension.
 * {@link VertxSessionPeerRoutes} has the same through Vert.x Web's {@code SessionHandler}; {@link BenchmarkResource}
 * the read-then-write on a Quarkus REST endpoint with the blocking {@code NovaSession}.
 * <p>
 * {@code /bench/bare} runs before every Quarkus filter, the session filter included ({@link #BEFORE_FILTERS}): it is the
 * bare route, what a request costs with no session layer at all. Every other route here runs after the session filter.
 */
@Singleton
public class BenchmarkRoutes {

    /**
     * A route order before Quarkus' filters ({@code FilterBuildItem} priority p runs at order -p; the session filter's
     * priority is 250), and after Quarkus' own request set-up (body handler, headers).
     */
    static final int BEFORE_FILTERS = -10_000;

    static final String KEY = "n";
    static final String NAME = "name";

    @Inject
    ReactiveNovaSession session;

    void routes(@Observes Router router) {
        router.get("/bench/bare").order(BEFORE_FILTERS).handler(ctx -> ctx.end("ok"));
        router.get("/bench/baseline").handler(ctx -> ctx.end("ok"));
        router.get("/bench/read").handler(ctx -> session.get(KEY, Integer.class)
                .subscribe().with(value -> ctx.end(value.isPresent() ? "1" : "0"), ctx::fail));
        router.get("/bench/write").handler(ctx -> session.set(KEY, 1)
                .subscribe().with(done -> ctx.end("ok"), ctx::fail));
        // the common request of an application: read a value, write the next one, in one Uni chain
        router.get("/bench/counter").handler(ctx -> session.get(KEY, Integer.class)
                .chain(value -> {
                    int next = value.orElse(0) + 1;
                    return session.set(KEY, next).replaceWith(next);
                })
                .subscribe().with(next -> ctx.end(Integer.toString(next)), ctx::fail));
        // heap per session: a new visitor's session with two small values, as an application writes them
        router.get("/bench/create").handler(ctx -> session.set(KEY, 42)
                .chain(() -> session.set(NAME, ctx.request().getParam("name", "alice")))
                .subscribe().with(done -> ctx.end("ok"), ctx::fail));
    }
}
