package io.quarkiverse.novasession.runtime;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * What a step of a session operation answers, as the session layer chains the steps: known already, because an
 * in-process store answered before its call returned, or still to come, as a {@link Uni}. A known answer runs the
 * next step at once. In Quarkus every Mutiny operator captures the contexts of its thread (CDI, Vert.x, security) for
 * the function it is given, and on the memory store those captures cost a request more than the store itself (see
 * the performance page): a request on an in-process store goes through no operator of the session layer. An answer
 * still to come chains with the Mutiny operator of the same name.
 */
abstract class Answer<T> {

    private static final Answer<Void> DONE = new Known<>(null, null);

    static <T> Answer<T> known(T item) {
        return new Known<>(item, null);
    }

    static <T> Answer<T> failed(Throwable failure) {
        return new Known<>(null, failure);
    }

    @SuppressWarnings("unchecked")
    static <T> Answer<T> done() {
        return (Answer<T>) DONE;
    }

    /**
     * @return the answer of {@code uni}, still to come
     */
    static <T> Answer<T> pending(Uni<T> uni) {
        return new Pending<>(uni);
    }

    /**
     * @return the answer of {@code uni}, known if {@code uni} emits during its subscription, as an in-process store's
     *         answer does; otherwise still to come (the subscription made here delivers it)
     */
    static <T> Answer<T> of(Uni<T> uni) {
        Capture<T> capture = new Capture<>();
        uni.subscribe().withSubscriber(capture);
        return capture.answer();
    }

    abstract <R> Answer<R> map(Function<? super T, ? extends R> mapper);

    abstract <R> Answer<R> chain(Function<? super T, Answer<R>> next);

    /**
     * @return this answer, or {@code item}'s if this one is a failure of {@code type}
     */
    abstract Answer<T> recover(Class<? extends Throwable> type, Supplier<T> item);

    /**
     * Runs {@code action} on a failure of {@code type}, which stays the answer.
     */
    abstract Answer<T> onFailure(Class<? extends Throwable> type, Consumer<Throwable> action);

    abstract Answer<T> invoke(Consumer<? super T> action);

    final Answer<Void> ignoreItem() {
        return map(ignored -> null);
    }

    abstract Uni<T> uni();

    private static final class Known<T> extends Answer<T> {

        private final T item;
        private final Throwable failure;

        Known(T item, Throwable failure) {
            this.item = item;
            this.failure = failure;
        }

        @Override
        @SuppressWarnings("unchecked")
        <R> Answer<R> map(Function<? super T, ? extends R> mapper) {
            if (failure != null) {
                return (Answer<R>) this;
            }
            try {
                return new Known<>(mapper.apply(item), null);
            } catch (RuntimeException e) {
                return failed(e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        <R> Answer<R> chain(Function<? super T, Answer<R>> next) {
            if (failure != null) {
                return (Answer<R>) this;
            }
            try {
                return next.apply(item);
            } catch (RuntimeException e) {
                return failed(e);
            }
        }

        @Override
        Answer<T> recover(Class<? extends Throwable> type, Supplier<T> recovered) {
            if (!type.isInstance(failure)) {
                return this;
            }
            try {
                return new Known<>(recovered.get(), null);
            } catch (RuntimeException e) {
                return failed(e);
            }
        }

        @Override
        Answer<T> onFailure(Class<? extends Throwable> type, Consumer<Throwable> action) {
            if (!type.isInstance(failure)) {
                return this;
            }
            try {
                action.accept(failure);
                return this;
            } catch (RuntimeException e) {
                return failed(e);
            }
        }

        @Override
        Answer<T> invoke(Consumer<? super T> action) {
            if (failure != null) {
                return this;
            }
            try {
                action.accept(item);
                return this;
            } catch (RuntimeException e) {
                return failed(e);
            }
        }

        @Override
        Uni<T> uni() {
            return failure == null ? Uni.createFrom().item(item) : Uni.createFrom().failure(failure);
        }
    }

    private static final class Pending<T> extends Answer<T> {

        private final Uni<T> uni;

        Pending(Uni<T> uni) {
            this.uni = uni;
        }

        @Override
        <R> Answer<R> map(Function<? super T, ? extends R> mapper) {
            return new Pending<>(uni.map(mapper));
        }

        @Override
        <R> Answer<R> chain(Function<? super T, Answer<R>> next) {
            return new Pending<>(uni.chain(item -> next.apply(item).uni()));
        }

        @Override
        Answer<T> recover(Class<? extends Throwable> type, Supplier<T> item) {
            return new Pending<>(uni.onFailure(type).recoverWithItem(item));
        }

        @Override
        Answer<T> onFailure(Class<? extends Throwable> type, Consumer<Throwable> action) {
            return new Pending<>(uni.onFailure(type::isInstance).invoke(action));
        }

        @Override
        Answer<T> invoke(Consumer<? super T> action) {
            return new Pending<>(uni.invoke(action));
        }

        @Override
        Uni<T> uni() {
            return uni;
        }
    }

    /**
     * Subscribes to a store's answer and keeps it if it comes during the subscription.
     */
    private static final class Capture<T> implements UniSubscriber<T> {

        private boolean done;
        private T item;
        private Throwable failure;
        /** Made only for an answer that did not come during the subscription. */
        private java.util.concurrent.CompletableFuture<T> later;

        @Override
        public void onSubscribe(UniSubscription subscription) {
        }

        @Override
        public synchronized void onItem(T item) {
            this.item = item;
            done = true;
            if (later != null) {
                later.complete(item);
            }
        }

        @Override
        public synchronized void onFailure(Throwable failure) {
            this.failure = failure;
            done = true;
            if (later != null) {
                later.completeExceptionally(failure);
            }
        }

        synchronized Answer<T> answer() {
            if (done) {
                return new Known<>(item, failure);
            }
            later = new java.util.concurrent.CompletableFuture<>();
            return new Pending<>(Uni.createFrom().completionStage(later));
        }
    }
}
