package io.quarkiverse.novasession.runtime;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Operation;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Outcome;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one way the session layer talks to the store: every store call goes through {@link #call}, which bounds the wait,
 * turns whatever the store failed with into the session API's exceptions, and brings the answer back to a thread the
 * caller may use. It also times every call for {@code nova.sessions.store.calls}, when metrics are on.
 */
final class StoreCalls {

    private static final Logger LOG = Logger.getLogger(StoreCalls.class);

    private final NovaSessionStore store;
    private final String storeName;
    private final boolean immediate;
    private final Duration timeout;
    private final SessionMetrics metrics;
    private final boolean timed;

    StoreCalls(NovaSessionStore store, Duration timeout) {
        this(store, timeout, SessionMetrics.NONE);
    }

    StoreCalls(NovaSessionStore store, Duration timeout, SessionMetrics metrics) {
        this.store = store;
        this.storeName = store.getClass().getSimpleName();
        this.immediate = store.completesImmediately();
        this.timeout = timeout;
        this.metrics = metrics;
        this.timed = metrics != SessionMetrics.NONE;
    }

    Duration timeout() {
        return timeout;
    }

    NovaSessionStore store() {
        return store;
    }

    boolean immediate() {
        return immediate;
    }

    /**
     * In-process stores are not timed: they complete before this returns, and a timer would cost more than the
     * operation. Any other store answers on its own threads (Hot Rod I/O, say): the caller continues on its event loop
     * if it was on one, as Vert.x code expects, and otherwise on a worker thread, so that a lifecycle observer or the
     * rest of a blocking request never runs on, and never stalls, the store client's threads.
     * <p>
     * With metrics on, an in-process call is timed around the method call, which is when it does its work; any other
     * from its subscription to its answer or its timeout.
     */
    <T> Uni<T> call(Operation operation, Supplier<Uni<T>> storeCall) {
        if (immediate) {
            if (!timed) {
                try {
                    return storeCall.get();
                } catch (RuntimeException e) {
                    return Uni.createFrom().failure(translate(e));
                }
            }
            long start = System.nanoTime();
            Uni<T> answer;
            try {
                answer = storeCall.get();
            } catch (RuntimeException e) {
                answer = Uni.createFrom().failure(translate(e));
            }
            long nanos = System.nanoTime() - start;
            return answer.onItemOrFailure().invoke((item, failure) -> metrics.storeCall(operation, outcome(failure),
                    nanos));
        }
        Uni<T> bounded = Uni.createFrom().<T> deferred(storeCall::get)
                .onFailure().transform(this::translate)
                .ifNoItem().after(timeout).failWith(() -> new StoreTimeout("Session store " + storeName
                        + " did not answer within " + timeout));
        if (timed) {
            bounded = timed(operation, bounded);
        }
        Context context = Vertx.currentContext();
        if (context != null && Context.isOnEventLoopThread()) {
            return bounded.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return bounded.emitOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * {@link #call} as a step of the session layer: an in-process store's answer is known when this returns, so the
     * steps after it run at once, without Mutiny operators (see {@link Answer}).
     */
    <T> Answer<T> answer(Operation operation, Supplier<Uni<T>> storeCall) {
        if (!immediate) {
            return Answer.pending(call(operation, storeCall));
        }
        long start = timed ? System.nanoTime() : 0L;
        Answer<T> answer;
        try {
            answer = Answer.of(storeCall.get());
        } catch (RuntimeException e) {
            answer = Answer.failed(translate(e));
        }
        if (!timed) {
            return answer;
        }
        long nanos = System.nanoTime() - start;
        return answer.invoke(item -> metrics.storeCall(operation, Outcome.SUCCESS, nanos))
                .onFailure(Throwable.class, failure -> metrics.storeCall(operation, outcome(failure), nanos));
    }

    /**
     * Runs a store call nobody waits for (cleaning up after an expired id), with the same bounds; its failure is only
     * logged.
     */
    <T> void inBackground(Operation operation, Supplier<Uni<T>> storeCall, java.util.function.Consumer<T> then) {
        call(operation, storeCall).subscribe().with(then, failure -> LOG.debugf("Background session store call failed: %s",
                failure.getMessage()));
    }

    /**
     * Like {@link #inBackground(Operation, Supplier, java.util.function.Consumer)}, for a call whose answer nobody
     * needs; a failure of type {@code expected} is one of its possible answers, not logged.
     */
    <T> void inBackground(Operation operation, Supplier<Uni<T>> storeCall, Class<? extends Throwable> expected) {
        call(operation, storeCall).subscribe().with(ignored -> {
        }, failure -> {
            if (!expected.isInstance(failure)) {
                LOG.debugf("Background session store call failed: %s", failure.getMessage());
            }
        });
    }

    private <T> Uni<T> timed(Operation operation, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.onItemOrFailure().invoke((item, failure) -> metrics.storeCall(operation, outcome(failure),
                    System.nanoTime() - start));
        });
    }

    private static Outcome outcome(Throwable failure) {
        if (failure == null) {
            return Outcome.SUCCESS;
        }
        if (failure instanceof SessionEndedException) {
            return Outcome.ENDED;
        }
        if (failure instanceof SessionLimitException) {
            return Outcome.LIMIT;
        }
        return failure instanceof StoreTimeout ? Outcome.TIMEOUT : Outcome.FAILURE;
    }

    /**
     * The store did not answer in time: a {@link NovaSessionStoreException} like any other store failure, told apart
     * only for the {@code outcome} tag.
     */
    private static final class StoreTimeout extends NovaSessionStoreException {

        private static final long serialVersionUID = 1L;

        StoreTimeout(String message) {
            super(message, null);
        }
    }

    private Throwable translate(Throwable failure) {
        if (failure instanceof NovaSessionStoreException || failure instanceof SessionLimitException
                || failure instanceof SessionEndedException) {
            return failure;
        }
        return new NovaSessionStoreException("Session store " + storeName + " failed: " + failure, failure);
    }
}
