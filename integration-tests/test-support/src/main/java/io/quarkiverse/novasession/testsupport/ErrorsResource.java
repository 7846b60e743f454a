package io.quarkiverse.novasession.testsupport;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/**
 * The extension's default answers to its errors, from Quarkus REST, blocking and {@code Uni}-returning. Nothing here
 * maps or catches the failures of {@link SessionFailures}: they propagate, and the extension answers them.
 * <ul>
 * <li>{@code POST /errors/limit} (blocking) and {@code POST /errors/limit/reactive} ({@code Uni}): a value over
 * {@code max-value-size}, answered 413 with a short text naming the limit.</li>
 * <li>{@code POST /errors/ended} (blocking) and {@code POST /errors/ended/reactive} ({@code Uni}): a write after the
 * session ended in the store, answered 409.</li>
 * </ul>
 * {@link ErrorRoutes} has the same from a reactive route ({@code /errors/.../route}) and a plain Vert.x handler
 * ({@code /errors/.../vertx}).
 */
@Path("/errors")
@Produces(MediaType.TEXT_PLAIN)
public class ErrorsResource {

    @Inject
    SessionFailures failures;

    @POST
    @Path("/limit")
    public String limit() {
        return failures.overLimit();
    }

    @POST
    @Path("/limit/reactive")
    public Uni<String> limitReactive() {
        return failures.overLimitReactively();
    }

    @POST
    @Path("/ended")
    public String ended() {
        return failures.writeAfterEnd();
    }

    @POST
    @Path("/ended/reactive")
    public Uni<String> endedReactive() {
        return failures.writeAfterEndReactively();
    }
}
