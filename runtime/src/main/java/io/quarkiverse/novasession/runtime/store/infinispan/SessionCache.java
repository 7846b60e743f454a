package io.quarkiverse.novasession.runtime.store.infinispan;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;

import io.quarkiverse.novasession.NovaSessionStoreContext;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CacheMode;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.InfinispanStoreConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The session cache of the cluster, as the store reaches it: created in the cluster if it lacks it, looked up again
 * after a failure (the cluster may have restarted without it), with the expiry listener registered once per cache
 * object.
 * <p>
 * Each time the cache is looked up again after a failure, {@code recreated} is told: what the store keeps in the
 * cluster besides sessions (the shared id key) may have to be put back.
 */
final class SessionCache {

    private final RemoteCacheManager cacheManager;
    private final InfinispanStoreConfig settings;
    private final NovaSessionStoreContext events;
    private final Consumer<RemoteCache<String, String>> recreated;
    private final AtomicReference<CompletableFuture<RemoteCache<String, String>>> cache = new AtomicReference<>();
    private final AtomicBoolean createdBefore = new AtomicBoolean();
    private final AtomicReference<RemoteCache<String, String>> expiryListened = new AtomicReference<>();

    SessionCache(RemoteCacheManager cacheManager, InfinispanStoreConfig settings, NovaSessionStoreContext events,
            Consumer<RemoteCache<String, String>> recreated) {
        this.cacheManager = cacheManager;
        this.settings = settings;
        this.events = events;
        this.recreated = recreated;
    }

    String name() {
        return settings.cacheName();
    }

    /**
     * One Hot Rod call on the session cache.
     */
    <T> Uni<T> call(Function<RemoteCache<String, String>, CompletableFuture<T>> operation) {
        return cache().chain(remote -> {
            // after a failure, look the cache up (or create it) again: the cluster may have restarted without it
            return Uni.createFrom().completionStage(() -> operation.apply(remote)).onFailure().invoke(this::forget);
        });
    }

    /**
     * The session cache, created in the cluster if it lacks it. Creation is a blocking admin call, so it runs on a
     * worker thread; a failed attempt is forgotten, so the next operation tries again.
     */
    Uni<RemoteCache<String, String>> cache() {
        CompletableFuture<RemoteCache<String, String>> ready = cache.get();
        if (ready == null || ready.isCompletedExceptionally()) {
            CompletableFuture<RemoteCache<String, String>> attempt = new CompletableFuture<>();
            if (cache.compareAndSet(ready, attempt)) {
                Infrastructure.getDefaultWorkerPool().execute(() -> {
                    try {
                        RemoteCache<String, String> remote = cacheManager.administration()
                                .getOrCreateCache(settings.cacheName(), new StringConfiguration(definition()));
                        listenForExpiry(remote);
                        attempt.complete(remote);
                        if (createdBefore.getAndSet(true)) {
                            recreated.accept(remote);
                        }
                    } catch (RuntimeException e) {
                        attempt.completeExceptionally(e);
                    }
                });
            }
            ready = cache.get();
        }
        return Uni.createFrom().completionStage(ready);
    }

    /**
     * Reports the sessions the cluster expires as {@link io.quarkiverse.novasession.NovaSessionExpired} events, on this
     * instance: every instance registers its own listener, so every running instance observes every expiry.
     */
    private void listenForExpiry(RemoteCache<String, String> remote) {
        // the client re-registers its listeners when the cluster comes back: once per cache object is enough
        if (expiryListened.getAndSet(remote) != remote) {
            ExpiryListener listener = new ExpiryListener(events, remote.getRemoteCacheContainer().getMarshaller(),
                    Infrastructure.getDefaultWorkerPool());
            remote.addClientListener(listener, null, ExpiryListener.CONVERTER_PARAMS);
        }
    }

    private void forget() {
        CompletableFuture<RemoteCache<String, String>> current = cache.get();
        if (current != null && current.isDone()) {
            cache.compareAndSet(current, null);
        }
    }

    private String definition() {
        String encoding = "<encoding media-type=\"application/x-protostream\"/><expiration interval=\""
                + settings.expirationInterval().toMillis() + "\"/>";
        if (settings.cacheMode() == CacheMode.DISTRIBUTED) {
            return "<distributed-cache name=\"" + settings.cacheName() + "\" mode=\"SYNC\" owners=\""
                    + settings.owners() + "\" statistics=\"true\">" + encoding + "</distributed-cache>";
        }
        return "<replicated-cache name=\"" + settings.cacheName() + "\" mode=\"SYNC\" statistics=\"true\">" + encoding
                + "</replicated-cache>";
    }
}
