package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSessionCreated;
import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionExpired;

/**
 * The application's observers of the session lifecycle events, synchronous and asynchronous, recording what they see
 * as text ({@code created <key>}, {@code destroyed <key> ROTATED}, {@code expired <key>}).
 */
@Singleton
public class SessionEventLog {

    public static final List<String> SYNC = new CopyOnWriteArrayList<>();
    public static final List<String> ASYNC = new CopyOnWriteArrayList<>();

    public static void clear() {
        SYNC.clear();
        ASYNC.clear();
    }

    /**
     * Waits until a synchronous observer has seen {@code event}, then asserts it did.
     */
    public static void await(String event, Duration timeout) throws InterruptedException {
        awaitSize(SYNC, event, timeout);
        assertThat(SYNC).contains(event);
    }

    /**
     * Waits until the asynchronous observers have seen as many events as the synchronous ones, at least {@code count}.
     */
    public static void awaitAsync(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ASYNC.size() < Math.max(count, SYNC.size()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void awaitSize(List<String> events, String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!events.contains(event) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    void created(@Observes NovaSessionCreated event) {
        SYNC.add("created " + event.storeKey());
    }

    void destroyed(@Observes NovaSessionDestroyed event) {
        SYNC.add("destroyed " + event.storeKey() + " " + event.cause());
    }

    void expired(@Observes NovaSessionExpired event) {
        SYNC.add("expired " + event.storeKey());
    }

    void createdAsync(@ObservesAsync NovaSessionCreated event) {
        ASYNC.add("created " + event.storeKey());
    }

    void destroyedAsync(@ObservesAsync NovaSessionDestroyed event) {
        ASYNC.add("destroyed " + event.storeKey() + " " + event.cause());
    }

    void expiredAsync(@ObservesAsync NovaSessionExpired event) {
        ASYNC.add("expired " + event.storeKey());
    }
}
