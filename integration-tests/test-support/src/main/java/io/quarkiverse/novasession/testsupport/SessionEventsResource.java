package io.quarkiverse.novasession.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.novasession.NovaSessionCreated;
import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionExpired;

/**
 * The session lifecycle events this instance observed, for tests: what an application observing them would see, as a
 * JSON list of strings in the order they were fired: {@code "created <key>"}, {@code "destroyed <key> <CAUSE>"},
 * {@code "expired <key>"}, where {@code <key>} is the session's store key ({@code NovaSession.storeKey()}). Every store's
 * application serves it at {@code GET /inspect/session-events}, and the threads its synchronous observers ran on at
 * {@code GET /inspect/session-events/threads}. Off unless {@code test-support.store-inspection.enabled=true}.
 */
@Path("/inspect/session-events")
@Singleton
public class SessionEventsResource {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> threads = new ConcurrentHashMap<>();

    @ConfigProperty(name = "test-support.store-inspection.enabled", defaultValue = "false")
    boolean enabled;

    void created(@Observes NovaSessionCreated event) {
        record("created", "created " + event.storeKey());
    }

    void destroyed(@Observes NovaSessionDestroyed event) {
        record("destroyed", "destroyed " + event.storeKey() + " " + event.cause());
    }

    void expired(@Observes NovaSessionExpired event) {
        record("expired", "expired " + event.storeKey());
    }

    /**
     * Keeps nothing unless inspection is on: the demo run for real must not grow a list for ever.
     */
    private void record(String kind, String event) {
        if (enabled) {
            events.add(event);
            threads.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> events() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return events;
    }

    /**
     * @return for each kind of event ({@code created}, {@code destroyed}, {@code expired}), the names of the threads
     *         its synchronous observer ran on
     */
    @GET
    @Path("/threads")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Set<String>> threads() {
        if (!enabled) {
            throw new NotFoundException();
        }
        return threads;
    }
}
