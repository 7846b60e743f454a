package io.quarkiverse.novasession.it.infinispan;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Hot Rod calls the application made so far, by kind ({@link HotRodCalls}), for tests and the benchmark. Off unless
 * {@code test-support.store-inspection.enabled=true}.
 */
@Path("/inspect/hotrod-calls")
public class HotRodCallsResource {

    @Inject
    HotRodCalls calls;

    @ConfigProperty(name = "test-support.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Long> calls() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return calls.snapshot();
    }
}
