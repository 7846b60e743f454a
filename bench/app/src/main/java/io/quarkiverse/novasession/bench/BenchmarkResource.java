package io.quarkiverse.novasession.bench;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

import io.quarkiverse.novasession.NovaSession;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

/**
 * The read-then-write of {@link BenchmarkRoutes} on Quarkus REST endpoints (worker threads, the blocking API), with a
 * baseline at the same place that never touches its session, and the Vert.x Web peer reached through the same
 * endpoints: {@code /rest/peer/*} runs behind the {@code SessionHandler} of {@link VertxSessionPeerRoutes}.
 * <p>
 * Every REST request goes through Quarkus' filters, this extension's session filter included; the benchmark sends
 * every REST scenario (the peer's too) this extension's cookie, so each pays the same filter and the difference to the
 * REST baseline is the session work of the endpoint alone.
 */
@Path("/rest")
public class BenchmarkResource {

    @Inject
    NovaSession session;

    @GET
    @Path("/baseline")
    public String baseline() {
        return "ok";
    }

    @GET
    @Path("/counter")
    public String counter() {
        int next = session.get(BenchmarkRoutes.KEY, Integer.class).orElse(0) + 1;
        session.set(BenchmarkRoutes.KEY, next);
        return Integer.toString(next);
    }

    @GET
    @Path("/peer/counter")
    public String peerCounter(@Context RoutingContext ctx) {
        Session peer = ctx.session();
        Integer value = peer.get(BenchmarkRoutes.KEY);
        int next = (value == null ? 0 : value) + 1;
        peer.put(BenchmarkRoutes.KEY, next);
        return Integer.toString(next);
    }
}
