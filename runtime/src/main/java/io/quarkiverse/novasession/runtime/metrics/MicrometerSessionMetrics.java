package io.quarkiverse.novasession.runtime.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkiverse.novasession.NovaSessionCreated;
import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionExpired;
import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.SelectedStore;
import io.quarkiverse.novasession.runtime.StoreFacts;
import io.quarkiverse.novasession.runtime.store.InspectableStore;

/**
 * The session meters, in the application's Micrometer registry. A bean only when the application has
 * {@code quarkus-micrometer} and {@code quarkus.nova-session.metrics.enabled} is true: the build names it by string,
 * so that without Micrometer no class of it is ever loaded. Tags are few and fixed (store kind, operation, outcome,
 * cause, reason), never an id or a store key.
 */
@Singleton
public class MicrometerSessionMetrics implements SessionMetrics {

    static final String CREATED = "nova.sessions.created";
    static final String ENDED = "nova.sessions.ended";
    static final String REJECTED = "nova.sessions.rejected";
    static final String ACTIVE = "nova.sessions.active";
    static final String STORE_CALLS = "nova.sessions.store.calls";

    private final MeterRegistry registry;
    private final String store;
    private final Counter created;
    private final Map<String, Counter> ended = new ConcurrentHashMap<>();
    private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);
    /** Per operation and outcome, made at the first such call: an outcome that never happens shows no series. */
    private final Timer[][] timers = new Timer[Operation.values().length][Outcome.values().length];
    /** Null for a store that cannot count (a custom one): no gauge then. */
    private final ActiveSessions active;

    @Inject
    MicrometerSessionMetrics(MeterRegistry registry, StoreFacts facts, @SelectedStore NovaSessionStore store,
            NovaSessionConfig config) {
        this.registry = registry;
        this.store = facts.kind().name().toLowerCase(Locale.ROOT);
        this.created = Counter.builder(CREATED).description("Sessions created (a first write under a new id)")
                .tag("store", this.store).register(registry);
        for (NovaSessionDestroyed.Cause cause : NovaSessionDestroyed.Cause.values()) {
            endedCounter(tag(cause));
        }
        endedCounter("expired");
        for (Rejection reason : Rejection.values()) {
            rejected.put(reason, Counter.builder(REJECTED)
                    .description("Session ids or writes refused: forged ids, expired or ended sessions, limits")
                    .tag("store", this.store).tag("reason", reason.tag()).register(registry));
        }
        if (store instanceof InspectableStore inspectable) {
            this.active = new ActiveSessions(inspectable, config.storeTimeout());
            Gauge.builder(ACTIVE, active, ActiveSessions::value)
                    .description(inspectable.countIsExact() ? "Live sessions in the store"
                            : "Entries of the session cache in the cluster, sampled at most every "
                                    + ActiveSessions.SAMPLE_INTERVAL.toSeconds() + " s")
                    .tag("store", this.store).register(registry);
        } else {
            this.active = null;
        }
    }

    @Override
    public void storeCall(Operation operation, Outcome outcome, long nanos) {
        Timer timer = timers[operation.ordinal()][outcome.ordinal()];
        if (timer == null) {
            // a race makes the same timer twice: the registry answers the one it has
            timer = Timer.builder(STORE_CALLS).description("Latency of the session store's calls")
                    .tag("store", store).tag("operation", operation.tag()).tag("outcome", outcome.tag())
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry);
            timers[operation.ordinal()][outcome.ordinal()] = timer;
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rejected(Rejection reason) {
        rejected.get(reason).increment();
    }

    void created(@Observes NovaSessionCreated event) {
        created.increment();
    }

    void destroyed(@Observes NovaSessionDestroyed event) {
        endedCounter(tag(event.cause())).increment();
    }

    void expired(@Observes NovaSessionExpired event) {
        endedCounter("expired").increment();
    }

    private Counter endedCounter(String cause) {
        return ended.computeIfAbsent(cause, c -> Counter.builder(ENDED)
                .description("Sessions ended, by cause: deleted, rotated (the id, not the data), expired, evicted")
                .tag("store", store).tag("cause", c).register(registry));
    }

    private static String tag(NovaSessionDestroyed.Cause cause) {
        return cause.name().toLowerCase(Locale.ROOT);
    }
}
