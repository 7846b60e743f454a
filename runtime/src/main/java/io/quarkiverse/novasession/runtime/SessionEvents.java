package io.quarkiverse.novasession.runtime;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionCreated;
import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionExpired;

/**
 * Fires the session lifecycle events, for the session layer and for the stores that see sessions expire. Each event
 * goes to synchronous and to asynchronous observers alike, as Quarkus' security events do. A failing observer is
 * logged and never fails the session operation that fired it: the operation has already happened.
 */
@Singleton
public class SessionEvents {

    private static final Logger LOG = Logger.getLogger(SessionEvents.class);

    @Inject
    Event<NovaSessionCreated> created;
    @Inject
    Event<NovaSessionDestroyed> destroyed;
    @Inject
    Event<NovaSessionExpired> expired;

    public void created(String storeKey) {
        fire(created, new NovaSessionCreated(storeKey));
    }

    public void destroyed(String storeKey, NovaSessionDestroyed.Cause cause) {
        fire(destroyed, new NovaSessionDestroyed(storeKey, cause));
    }

    public void expired(String storeKey) {
        fire(expired, new NovaSessionExpired(storeKey));
    }

    private static <T> void fire(Event<T> event, T payload) {
        try {
            event.fire(payload);
        } catch (RuntimeException e) {
            LOG.warnf(e, "An observer of %s failed", payload.getClass().getSimpleName());
        }
        event.fireAsync(payload).exceptionally(failure -> {
            LOG.warnf(failure, "An asynchronous observer of %s failed", payload.getClass().getSimpleName());
            return null;
        });
    }
}
