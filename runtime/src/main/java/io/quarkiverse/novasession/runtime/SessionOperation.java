package io.quarkiverse.novasession.runtime;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.EmptyUniSubscription;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;

/**
 * A session API call as the Uni it returns: the operation runs when the Uni is subscribed, like
 * {@code Uni.createFrom().deferred}, but on the request session found when the Uni was made. Mutiny's own
 * {@code deferred} would capture the thread's contexts (CDI, Vert.x, security) so that the operation could find the
 * request again wherever it is subscribed; holding the request's session from the start makes that capture, the
 * dearest part of a session read on the memory store, unnecessary. A Uni made outside a request looks for one when it
 * is subscribed, and fails there if there is none.
 */
final class SessionOperation<T> extends AbstractUni<T> {

    private final RequestSession session;
    private final ReactiveNovaSessionImpl api;
    private final Function<RequestSession, Uni<T>> operation;

    SessionOperation(ReactiveNovaSessionImpl api, Function<RequestSession, Uni<T>> operation) {
        this.api = api;
        this.session = CurrentSession.find();
        this.operation = operation;
    }

    @Override
    public void subscribe(UniSubscriber<? super T> subscriber) {
        Uni<T> answer;
        try {
            answer = operation.apply(session != null ? session : api.current());
        } catch (Throwable failure) {
            subscriber.onSubscribe(EmptyUniSubscription.DONE);
            subscriber.onFailure(failure);
            return;
        }
        AbstractUni.subscribe(answer, subscriber);
    }
}
