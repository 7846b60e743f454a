package io.quarkiverse.novasession.runtime.health;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.SelectedStore;
import io.quarkiverse.novasession.runtime.SessionRuntime;
import io.quarkiverse.novasession.runtime.store.InspectableStore;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness of the session store: whether this instance can serve sessions now. The memory store is always up, with
 * its session count. Any other store is asked for a value of a session that never exists, bounded by
 * {@code quarkus.nova-session.store-timeout} exactly as a session request is: down when it fails or does not answer
 * in time, up again as soon as it answers. It is asynchronous, so the health endpoint never blocks an event loop
 * waiting for the store. A bean only when the application has {@code quarkus-smallrye-health} and
 * {@code quarkus.nova-session.health.enabled} is true.
 */
@Readiness
@ApplicationScoped
public class NovaSessionReadinessCheck implements AsyncHealthCheck {

    static final String NAME = "Nova session store";

    @Inject
    SessionRuntime runtime;
    @Inject
    @SelectedStore
    NovaSessionStore store;

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("store", runtime.facts().kind().name().toLowerCase(Locale.ROOT));
        if (store.completesImmediately() && store instanceof InspectableStore inspectable
                && inspectable.countIsExact()) {
            return inspectable.countSessions().map(count -> response.withData("sessions", count).up().build());
        }
        if (!runtime.signingReady()) {
            // until the shared key arrives no session request can be served
            return Uni.createFrom().item(response.withData("reason", "the session id key kept in the store is not "
                    + "available yet").down().build());
        }
        long start = System.nanoTime();
        return runtime.probeStore()
                .map(ignored -> response.withData("responseTimeMillis", (System.nanoTime() - start) / 1_000_000)
                        .up().build())
                .onFailure().recoverWithItem(failure -> response.withData("reason", String.valueOf(failure.getMessage()))
                        .down().build());
    }
}
