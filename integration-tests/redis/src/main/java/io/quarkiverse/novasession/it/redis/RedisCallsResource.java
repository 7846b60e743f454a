package io.quarkiverse.novasession.it.redis;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Redis round trips the application made so far, by command ({@link RedisCalls}), for tests and the benchmark.
 * Off unless {@code test-support.store-inspection.enabled=true}.
 */
@Path("/inspect/redis-calls")
public class RedisCallsResource {

    @Inject
    RedisCalls calls;

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
