package io.quarkiverse.novasession.runtime;

import java.time.Duration;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one way the session layer talks to the store: every store call goes through {@link #call}, which bounds the wait,
 * turns whatever the store failed with into the session API's exceptions, and brings the answer back to a thread the
 * caller may use.
 */
final class StoreCalls {

    private static final Logger LOG = Logger.getLogger(StoreCalls.class);

    private final NovaSessionStore store;
    private final String storeName;
    private final boolean immediate;
    private final Duration timeout;

    StoreCalls(NovaSessionStore store, Duration timeout) {
        this.store = store;
        this.storeName = store.getClass().getSimpleName();
        this.immediate = store.completesImmediately();
        this.timeout = timeout;
    }

    NovaSessionStore store() {
        return store;
    }

    boolean immediate() {
        return immediate;
    }

    Duration timeout() {
        return timeout;
    }

    /**
     * In-process stores are not timed: they complete before this returns, and a timer would cost more than the
     * operation. Any other store answers on its own threads (Hot Rod I/O, say): the caller continues on its event loop
     * if it was on one, as Vert.x code expects, and otherwise on a worker thread, so that a lifecycle observer or the
     * rest of a blocking request never runs on, and never stalls, the store client's threads.
     */
    <T> Uni<T> call(Supplier<Uni<T>> storeCall) {
        if (immediate) {
            try {
                return storeCall.get();
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(translate(e));
            }
        }
        Uni<T> bounded = Uni.createFrom().<T> deferred(storeCall::get)
                .onFailure().transform(this::translate)
                .ifNoItem().after(timeout).failWith(() -> new NovaSessionStoreException("Session store " + storeName
                        + " did not answer within " + timeout, null));
        Context context = Vertx.currentContext();
        if (context != null && Context.isOnEventLoopThread()) {
            return bounded.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return bounded.emitOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Runs a store call nobody waits for (cleaning up after an expired id), with the same bounds; its failure is only
     * logged.
     */
    <T> void inBackground(Supplier<Uni<T>> storeCall, java.util.function.Consumer<T> then) {
        call(storeCall).subscribe().with(then, failure -> LOG.debugf("Background session store call failed: %s",
                failure.getMessage()));
    }

    private Throwable translate(Throwable failure) {
        if (failure instanceof NovaSessionStoreException || failure instanceof SessionLimitException
                || failure instanceof SessionEndedException) {
            return failure;
        }
        return new NovaSessionStoreException("Session store " + storeName + " failed: " + failure, failure);
    }
}
