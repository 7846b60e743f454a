package io.quarkiverse.novasession.it.infinispan;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.infinispan.client.hotrod.RemoteCacheManager;

import io.quarkus.infinispan.client.runtime.InfinispanClientProducer;
import io.quarkus.infinispan.client.runtime.InfinispanClientUtil;

/**
 * Replaces the application's default Infinispan client with one that counts its Hot Rod calls, configured exactly as
 * Quarkus configured the default client ({@code quarkus.infinispan-client.*}). The session store looks its client up
 * as a bean, so it gets this one; {@code /inspect/hotrod-calls} reports the counts.
 */
@Singleton
public class CountingClientProducer {

    private final HotRodCalls calls = new HotRodCalls();

    @Produces
    @Singleton
    HotRodCalls calls() {
        return calls;
    }

    @Produces
    @Singleton
    @Default
    @Alternative
    @Priority(1)
    RemoteCacheManager countingClient(InfinispanClientProducer clients) {
        RemoteCacheManager configured = clients
                .getNamedRemoteCacheManager(InfinispanClientUtil.DEFAULT_INFINISPAN_CLIENT_NAME);
        CountingRemoteCacheManager counting = new CountingRemoteCacheManager(configured.getConfiguration(), calls);
        // only its configuration was needed: one client talks to the cluster, the counted one
        configured.stop();
        return counting;
    }

    void close(@Disposes RemoteCacheManager client) {
        client.stop();
    }
}
