package io.quarkiverse.novasession.testsupport;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.smallrye.mutiny.Uni;

/**
 * Reads the store directly, by session id, to show what it holds (JSON text). Tests use it to check that data really
 * left the store. Off unless {@code test-support.store-inspection.enabled=true}: reading any session by id is for tests only.
 */
@Path("/inspect")
@Produces(MediaType.TEXT_PLAIN)
public class StoreInspectionResource {

    @Inject
    NovaSessionStore store;

    @Inject
    ReactiveNovaSession session;

    @ConfigProperty(name = "test-support.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    @GET
    public Uni<String> raw(@QueryParam("session") String sessionId, @QueryParam("key") String key,
            @QueryParam("literal") boolean literal) {
        if (!enabled) {
            throw new NotFoundException();
        }
        // stores keep a session under a hash of its id; literal=true looks for the cookie value itself
        String storeKey = literal ? sessionId : SessionIds.storeKey(sessionId);
        return store.getValue(storeKey, key).map(value -> value.orElse("<absent>"));
    }

    /**
     * {@code GET /inspect/current}: the id of this request's session ({@code NovaSession.id()}), to check that a cookie
     * stays the visitor's session. It touches neither the session nor the store.
     */
    @GET
    @Path("/current")
    public String current() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return String.valueOf(session.id());
    }
}
