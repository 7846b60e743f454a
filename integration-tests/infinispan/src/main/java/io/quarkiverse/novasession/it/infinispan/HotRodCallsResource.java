package io.quarkiverse.novasession.it.infinispan;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.novasession.runtime.store.infinispan.InfinispanNovaSessionStore;

/**
 * The Hot Rod calls the session store made so far, for tests and the benchmark. Off unless
 * {@code demo.store-inspection.enabled=true}.
 */
@Path("/inspect/hotrod-calls")
public class HotRodCallsResource {

    @Inject
    InfinispanNovaSessionStore store;

    @ConfigProperty(name = "demo.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<InfinispanNovaSessionStore.Call, Long> calls() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return store.hotRodCalls();
    }
}
