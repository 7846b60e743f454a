package io.quarkiverse.novasession.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;

/**
 * Waits for a session operation where blocking is allowed, for the blocking APIs. On an event loop it works only
 * with a store whose operations complete at once, and otherwise fails before touching the store.
 */
public final class Blocking {

    private Blocking() {
    }

    /**
     * @param immediate whether the store completes every operation before returning it
     * @param eventLoopMessage the failure's message on an event loop, naming the reactive API to use instead
     */
    public static <T> T await(Uni<T> operation, boolean immediate, String eventLoopMessage) {
        boolean blockingAllowed = BlockingOperationControl.isBlockingAllowed();
        if (!blockingAllowed && !immediate) {
            throw new IllegalStateException(eventLoopMessage);
        }
        CompletableFuture<T> result = operation.subscribeAsCompletionStage();
        if (!blockingAllowed && !result.isDone()) {
            result.cancel(false);
            throw new IllegalStateException(eventLoopMessage);
        }
        try {
            // every store call is bounded by quarkus.nova-session.store-timeout
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaSessionStoreException("Interrupted while waiting for the session store", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new NovaSessionStoreException("Session store failed: " + cause, cause);
    }
}
