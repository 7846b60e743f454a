package io.quarkiverse.novasession.test.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkus.security.Authenticated;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;

/**
 * An endpoint that chooses the session mechanism by annotation, and reads the caller through JAX-RS'
 * {@code SecurityContext}.
 */
@Path("/annotated")
@Produces(MediaType.TEXT_PLAIN)
public class AnnotatedEndpoints {

    @GET
    @Authenticated
    @HttpAuthenticationMechanism("nova-session")
    public String who(@Context SecurityContext security) {
        return security.getUserPrincipal().getName() + " admin=" + security.isUserInRole("admin") + " scheme="
                + security.getAuthenticationScheme();
    }
}
