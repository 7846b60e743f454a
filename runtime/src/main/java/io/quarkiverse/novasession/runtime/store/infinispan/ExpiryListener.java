package io.quarkiverse.novasession.runtime.store.infinispan;

import org.infinispan.client.hotrod.annotation.ClientCacheEntryExpired;
import org.infinispan.client.hotrod.annotation.ClientListener;
import org.infinispan.client.hotrod.event.ClientCacheEntryExpiredEvent;

import io.quarkiverse.novasession.runtime.SessionEvents;

/**
 * Hears the cluster expire session entries (idle past {@code idle-timeout}, or past {@code absolute-timeout}) and
 * reports each as a {@link io.quarkiverse.novasession.NovaSessionExpired} event. Only keys travel: an expired
 * session's data never reaches the instances.
 */
@ClientListener
public final class ExpiryListener {

    private final SessionEvents events;

    ExpiryListener(SessionEvents events) {
        this.events = events;
    }

    @ClientCacheEntryExpired
    public void expired(ClientCacheEntryExpiredEvent<String> event) {
        events.expired(event.getKey());
    }
}
