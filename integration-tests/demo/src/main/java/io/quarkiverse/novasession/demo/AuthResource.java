package io.quarkiverse.novasession.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.novasession.NovaSession;

/**
 * Log in and out, keeping the user name in the session. A real application checks a password here.
 * Login rotates the session id; logout deletes the session.
 */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class AuthResource {

    static final String USER = "user";

    @Inject
    NovaSession session;

    @POST
    @Path("/login")
    public Response login(@FormParam("user") String user) {
        if (user == null || user.isBlank() || user.length() > 64) {
            return Response.status(Response.Status.BAD_REQUEST).entity("Give a user name of 1 to 64 characters").build();
        }
        // a new id on every login: an id planted or seen before the login must not carry the logged-in session
        session.rotate();
        session.set(USER, user);
        return Response.ok("Welcome " + user).build();
    }

    @GET
    @Path("/whoami")
    public Response whoami() {
        return session.get(USER, String.class)
                .map(user -> Response.ok(user).build())
                .orElseGet(() -> Response.status(Response.Status.UNAUTHORIZED).entity("anonymous").build());
    }

    @POST
    @Path("/logout")
    public String logout() {
        session.delete();
        return "Bye";
    }
}
