package io.quarkiverse.novasession.runtime.store.infinispan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The writes of each session on this instance, one at a time (group commit). While one conditional write of a session
 * is in flight, later changes of that session queue and go out together in the next one, so concurrent writers of one
 * session on one instance never race each other, only other instances. A rename of the session is queued like a
 * write but runs alone, so no local write of the old key lands between its steps.
 */
final class WriteQueues {

    /**
     * Writes a batch of changes of one session and completes each change's {@link Change#done}. A failure of the
     * returned {@link Uni} fails the changes it left incomplete.
     */
    private final BiFunction<String, List<Change>, Uni<Void>> writer;
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    WriteQueues(BiFunction<String, List<Change>, Uni<Void>> writer) {
        this.writer = writer;
    }

    /**
     * Queues a change of session {@code storeKey} when the returned {@link Uni} is subscribed to.
     *
     * @return what the writer completed the change with
     */
    Uni<Boolean> change(String storeKey, Change change) {
        return Uni.createFrom().deferred(() -> {
            Change queued = change.copy();
            enqueue(storeKey, queued);
            return Uni.createFrom().completionStage(queued.done);
        });
    }

    /**
     * Queues {@code task} behind the changes of session {@code storeKey} already queued; later changes wait for it.
     */
    <T> Uni<T> alone(String storeKey, Supplier<Uni<T>> task) {
        return Uni.createFrom().deferred(() -> {
            Exclusive<T> queued = new Exclusive<>(task);
            enqueue(storeKey, queued);
            return Uni.createFrom().completionStage(queued.done);
        });
    }

    private void enqueue(String storeKey, Object item) {
        while (true) {
            Queue queue = queues.computeIfAbsent(storeKey, id -> new Queue());
            boolean startWriting;
            synchronized (queue) {
                if (queue.closed) {
                    continue;
                }
                queue.pending.add(item);
                startWriting = !queue.writing;
                queue.writing = true;
            }
            if (startWriting) {
                drain(storeKey, queue);
            }
            return;
        }
    }

    private void drain(String storeKey, Queue queue) {
        List<Change> batch = new ArrayList<>();
        Exclusive<?> exclusive = null;
        synchronized (queue) {
            if (queue.pending.isEmpty()) {
                queue.writing = false;
                queue.closed = true;
                queues.remove(storeKey, queue);
                return;
            }
            if (queue.pending.peekFirst() instanceof Exclusive<?> first) {
                exclusive = first;
                queue.pending.pollFirst();
            } else {
                while (queue.pending.peekFirst() instanceof Change change) {
                    batch.add(change);
                    queue.pending.pollFirst();
                }
            }
        }
        if (exclusive != null) {
            exclusive.run().subscribe().with(ignored -> drain(storeKey, queue), failure -> drain(storeKey, queue));
            return;
        }
        Uni<Void> written;
        try {
            written = writer.apply(storeKey, batch);
        } catch (RuntimeException e) {
            written = Uni.createFrom().failure(e);
        }
        written.subscribe().with(
                done -> drain(storeKey, queue),
                failure -> {
                    for (Change change : batch) {
                        change.done.completeExceptionally(failure);
                    }
                    drain(storeKey, queue);
                });
    }

    /**
     * One change of a session: values to store, or a key to remove.
     */
    static final class Change {
        /** Key to JSON text; null for a removal. */
        final Map<String, String> values;
        /** The key a removal removes; null for a write of values. */
        final String removedKey;
        /** Whether the write may create the session (its first write). */
        final boolean create;
        /** Completed by the writer: for a write, whether it created the session. */
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        private Change(Map<String, String> values, String removedKey, boolean create) {
            this.values = values;
            this.removedKey = removedKey;
            this.create = create;
        }

        static Change write(Map<String, String> values, boolean create) {
            return new Change(values, null, create);
        }

        static Change removal(String key) {
            return new Change(null, key, false);
        }

        boolean isRemoval() {
            return values == null;
        }

        /** A fresh copy for each subscription: a {@link Uni} may be subscribed to again (a retry). */
        private Change copy() {
            return new Change(values, removedKey, create);
        }
    }

    private static final class Exclusive<T> {
        final Supplier<Uni<T>> task;
        final CompletableFuture<T> done = new CompletableFuture<>();

        Exclusive(Supplier<Uni<T>> task) {
            this.task = task;
        }

        Uni<T> run() {
            Uni<T> work;
            try {
                work = task.get();
            } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
            }
            return work.invoke(done::complete).onFailure().invoke(done::completeExceptionally);
        }
    }

    private static final class Queue {
        /** {@link Change}s and {@link Exclusive}s, in the order they came. */
        final ArrayDeque<Object> pending = new ArrayDeque<>();
        boolean writing;
        /** Drained and removed from the map: a new change must start a new queue. */
        boolean closed;
    }
}
