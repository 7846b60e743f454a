package io.quarkiverse.novasession.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.smallrye.mutiny.Uni;

/**
 * A visit counter kept in the session, once with the blocking API (a worker thread) and once with the reactive one
 * (the event loop).
 */
@Path("/counter")
@Produces(MediaType.TEXT_PLAIN)
public class CounterResource {

    static final String VISITS = "visits";

    @Inject
    NovaSession session;

    @Inject
    ReactiveNovaSession reactiveSession;

    @GET
    public int count() {
        int visits = session.get(VISITS, Integer.class).orElse(0) + 1;
        session.set(VISITS, visits);
        return visits;
    }

    @GET
    @Path("/reactive")
    public Uni<Integer> countReactively() {
        return reactiveSession.get(VISITS, Integer.class)
                .map(visits -> visits.orElse(0) + 1)
                .call(visits -> reactiveSession.set(VISITS, visits));
    }
}
