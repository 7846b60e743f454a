package io.quarkiverse.novasession.it.redis;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.smallrye.common.annotation.Blocking;

/**
 * How many keys under the store's prefix the (standalone) Redis holds: sessions, end markers and the shared id key,
 * for tests: what a write that should not happen would change. A separate client (the blocking data source), so that
 * its calls are not counted as the store's. Off unless {@code test-support.store-inspection.enabled=true}.
 */
@Path("/inspect/store-size")
public class StoreSizeResource {

    @jakarta.inject.Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.nova-session.redis.key-prefix", defaultValue = "nova:")
    String prefix;

    @ConfigProperty(name = "test-support.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    @GET
    @Blocking
    @Produces(MediaType.TEXT_PLAIN)
    public int size() {
        if (!enabled) {
            throw new NotFoundException();
        }
        int size = 0;
        var cursor = redis.key().scan(new KeyScanArgs().match(prefix + "*").count(1000));
        while (cursor.hasNext()) {
            size += cursor.next().size();
        }
        return size;
    }
}
