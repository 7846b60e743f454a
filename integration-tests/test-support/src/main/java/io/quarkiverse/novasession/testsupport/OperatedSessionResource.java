package io.quarkiverse.novasession.testsupport;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.novasession.NovaSession;

/**
 * The session operations whose meters the operations tests count: one store call or refusal per request, known in
 * advance.
 */
@Path("/ops")
@Produces(MediaType.TEXT_PLAIN)
public class OperatedSessionResource {

    @Inject
    NovaSession session;

    @POST
    @Path("/set")
    public String set(@QueryParam("key") String key, String value) {
        session.set(key, value);
        return "ok";
    }

    @GET
    @Path("/get")
    public String get(@QueryParam("key") String key) {
        return session.get(key, String.class).orElse("");
    }

    /**
     * Never touches the session: served even while the store is away.
     */
    @GET
    @Path("/hello")
    public String hello() {
        return "hello";
    }

    @GET
    @Path("/store-key")
    public String storeKey() {
        return session.storeKey();
    }

    @POST
    @Path("/rotate")
    public String rotate() {
        session.rotate();
        return "ok";
    }

    @POST
    @Path("/logout")
    public String logout() {
        session.delete();
        return "ok";
    }
}
