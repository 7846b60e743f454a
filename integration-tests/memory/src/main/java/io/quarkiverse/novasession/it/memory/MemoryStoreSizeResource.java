package io.quarkiverse.novasession.it.memory;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;

/**
 * How many sessions the memory store holds, for tests. Off unless {@code test-support.store-inspection.enabled=true}.
 */
@Path("/inspect/memory-sessions")
public class MemoryStoreSizeResource {

    @Inject
    MemoryNovaSessionStore store;

    @ConfigProperty(name = "test-support.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public long size() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return store.size();
    }
}
