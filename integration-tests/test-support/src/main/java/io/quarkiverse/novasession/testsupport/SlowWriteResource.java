package io.quarkiverse.novasession.testsupport;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.novasession.NovaSession;

/**
 * A slow request, for races: it reads its session, waits {@code delayMs}, then writes a string. Whatever another request
 * does to the session meanwhile (delete, rotate) happens between its read and its write, every time. Off unless
 * {@code test-support.store-inspection.enabled=true}.
 */
@Path("/slow/values")
public class SlowWriteResource {

    @Inject
    NovaSession session;

    @ConfigProperty(name = "test-support.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    @PUT
    @Consumes(MediaType.TEXT_PLAIN)
    public Response put(@QueryParam("key") String key, @QueryParam("delayMs") long delayMs, String value)
            throws InterruptedException {
        if (!enabled) {
            throw new NotFoundException();
        }
        // the read makes the session this request's as it was before the delay
        session.get(key, String.class);
        Thread.sleep(delayMs);
        session.set(key, value);
        return Response.noContent().build();
    }
}
