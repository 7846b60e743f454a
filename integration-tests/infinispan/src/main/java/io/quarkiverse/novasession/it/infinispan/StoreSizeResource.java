package io.quarkiverse.novasession.it.infinispan;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.client.hotrod.RemoteCacheManager;

import io.smallrye.mutiny.Uni;

/**
 * How many entries the session cache holds in the whole cluster (sessions, end markers and the shared id key), for
 * tests: what a write that should not happen would change. Off unless {@code test-support.store-inspection.enabled=true}.
 */
@Path("/inspect/store-size")
public class StoreSizeResource {

    @Inject
    RemoteCacheManager cacheManager;

    @ConfigProperty(name = "quarkus.nova-session.infinispan.cache-name", defaultValue = "nova-sessions")
    String cacheName;

    @ConfigProperty(name = "test-support.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<Integer> size() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return Uni.createFrom().completionStage(() -> cacheManager.<String, String> getCache(cacheName).sizeAsync())
                .map(Long::intValue);
    }
}
