package io.quarkiverse.novasession.demo;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkiverse.novasession.SessionValueException;

/**
 * Bad input is the client's problem, answered with a clear message, never a 500. A breached session limit
 * ({@code SessionLimitException}) needs no mapper here: the extension answers it with 413 and the name of the limit.
 */
public class SessionErrorMappers {

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response unreadableValue(SessionValueException e) {
        return Response.status(422).entity(new Problem(e.getMessage())).build();
    }
}
