package io.quarkiverse.novasession.runtime.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.runtime.store.InspectableStore;
import io.smallrye.mutiny.Uni;

/**
 * The value of the {@code nova.sessions.active} gauge. An exact, in-process count is read when the registry asks. A
 * remote count costs a call to the cluster, so the gauge answers the last sample, and asks the cluster for a new one,
 * in the background, when that sample is older than {@link #SAMPLE_INTERVAL}: a scrape never waits for the cluster,
 * the cluster is asked at most once per interval however often it is scraped, and no session request ever pays for it.
 */
final class ActiveSessions {

    static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ActiveSessions.class);

    private final InspectableStore store;
    private final Duration timeout;
    private final AtomicBoolean sampling = new AtomicBoolean();
    private volatile double last = Double.NaN;
    private volatile long sampledAt;

    ActiveSessions(InspectableStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
        this.sampledAt = System.nanoTime() - SAMPLE_INTERVAL.toNanos();
        if (!store.countIsExact()) {
            sample();
        }
    }

    double value() {
        if (store.countIsExact()) {
            return store.countSessions().await().atMost(timeout);
        }
        if (System.nanoTime() - sampledAt >= SAMPLE_INTERVAL.toNanos()) {
            sample();
        }
        return last;
    }

    private void sample() {
        if (!sampling.compareAndSet(false, true)) {
            return;
        }
        sampledAt = System.nanoTime();
        Uni.createFrom().deferred(store::countSessions).ifNoItem().after(timeout).fail()
                .subscribe().with(count -> {
                    last = count;
                    sampling.set(false);
                }, failure -> {
                    // an unreachable store has no known count: NaN rather than a stale number
                    last = Double.NaN;
                    sampling.set(false);
                    LOG.debugf("Could not count the sessions in the store: %s", failure.getMessage());
                });
    }
}
