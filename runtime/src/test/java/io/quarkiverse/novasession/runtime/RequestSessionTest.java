package io.quarkiverse.novasession.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.runtime.RequestSession.State;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * {@link RequestSession} on its own, no Quarkus and no store: how one request's session moves between
 * {@link State#UNVERIFIED}, {@link State#FREE}, {@link State#LIVE} and {@link State#NONE}, which cookie the response
 * must send or expire, and that an answer about an id the request has moved on from changes nothing.
 */
class RequestSessionTest {

    private static final SessionIdSigner SIGNER = SessionIdSigner.withRandomKey();
    private static final String COOKIE_ID = SIGNER.generate();
    private static final String NEW_ID = SIGNER.generate();
    private static final String OTHER_ID = SIGNER.generate();

    @Test
    void idFromTheCookieStartsUnverifiedAndTheResponseSendsNoCookie() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);

        assertThat(session.id()).isEqualTo(COOKIE_ID);
        assertThat(session.storeKey()).isEqualTo(SessionIds.storeKey(COOKIE_ID));
        assertThat(session.state()).isEqualTo(State.UNVERIFIED);
        assertThat(session.issuedHere()).isFalse();
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isFalse();
        assertThat(session.lazy()).isFalse();
        assertThat(RequestSession.fromCookie(COOKIE_ID, true).lazy()).isTrue();
    }

    @Test
    void eagerlyIssuedIdIsFreeAndSentToTheBrowser() {
        RequestSession session = RequestSession.issued(NEW_ID);

        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.issuedHere()).isTrue();
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void lazySessionNotYetCreatedHasNoIdNoStoreKeyAndTouchesNoCookie() {
        RequestSession session = RequestSession.notYetCreated();

        assertThat(session.id()).isNull();
        assertThat(session.storeKey()).isNull();
        assertThat(session.state()).isEqualTo(State.NONE);
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void expiredCookieWithEagerCreationIsReplacedByTheNewIdWhichIsSent() {
        RequestSession session = RequestSession.replacingExpired(NEW_ID);

        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void expiredCookieWithLazyCreationIsExpiredUntilAWriteStartsASession() {
        RequestSession session = RequestSession.replacingExpired(null);

        assertThat(session.id()).isNull();
        assertThat(session.state()).isEqualTo(State.NONE);
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isTrue();

        session.startIfNone(NEW_ID);

        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void readThatFindsTheSessionMakesItLive() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);

        session.live(COOKIE_ID);

        assertThat(session.state()).isEqualTo(State.LIVE);
        assertThat(session.cookieToSend()).isFalse();
    }

    @Test
    void readThatFindsNothingMakesItFreeAndTheFirstWriteMakesItLive() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);

        session.free(COOKIE_ID);
        assertThat(session.state()).isEqualTo(State.FREE);

        session.live(COOKIE_ID);
        assertThat(session.state()).isEqualTo(State.LIVE);
    }

    @Test
    void lateReadThatFoundNothingDoesNotUndoALiveSession() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);
        session.live(COOKIE_ID);

        session.free(COOKIE_ID);

        assertThat(session.state()).isEqualTo(State.LIVE);
    }

    @Test
    void answersAboutAnotherIdChangeNothing() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);

        session.live(OTHER_ID);
        session.free(OTHER_ID);
        session.ended(OTHER_ID, NEW_ID);
        session.deleted(OTHER_ID);

        assertThat(session.id()).isEqualTo(COOKIE_ID);
        assertThat(session.state()).isEqualTo(State.UNVERIFIED);
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void answersAboutTheIdRotatedAwayFromChangeNothing() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);
        session.live(COOKIE_ID);
        session.rotatedTo(NEW_ID, false);

        session.live(COOKIE_ID);
        session.ended(COOKIE_ID, OTHER_ID);
        session.deleted(COOKIE_ID);

        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void endedSessionWithEagerCreationContinuesUnderTheGivenNewIdWhichIsSent() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);
        session.live(COOKIE_ID);
        session.keyIndex(Set.of("cart"));

        session.ended(COOKIE_ID, NEW_ID);

        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.storeKey()).isEqualTo(SessionIds.storeKey(NEW_ID));
        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.issuedHere()).isTrue();
        assertThat(session.keyIndex()).isEmpty();
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void endedSessionWithLazyCreationExpiresTheCookieAndStartsNothingUntilAWrite() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, true);
        session.live(COOKIE_ID);
        session.keyIndex(Set.of("cart"));

        session.ended(COOKIE_ID, NEW_ID);

        assertThat(session.state()).isEqualTo(State.NONE);
        assertThat(session.id()).isEqualTo(COOKIE_ID);
        assertThat(session.keyIndex()).isEmpty();
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isTrue();

        session.startIfNone(OTHER_ID);

        assertThat(session.id()).isEqualTo(OTHER_ID);
        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void deletedSessionExpiresTheCookieAndTheNextWriteGetsANewIdNeverTheDeletedOne() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);
        session.live(COOKIE_ID);
        session.keyIndex(Set.of("user"));

        session.deleted(COOKIE_ID);

        assertThat(session.state()).isEqualTo(State.NONE);
        assertThat(session.keyIndex()).isEmpty();
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isTrue();

        session.startIfNone(NEW_ID);

        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.storeKey()).isEqualTo(SessionIds.storeKey(NEW_ID));
        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void sessionIssuedAndDeletedInOneRequestIsNotSentButExpired() {
        RequestSession session = RequestSession.issued(NEW_ID);

        session.deleted(NEW_ID);

        assertThat(session.state()).isEqualTo(State.NONE);
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isTrue();
    }

    @Test
    void deletingASessionNeverCreatedTouchesNoCookie() {
        RequestSession session = RequestSession.notYetCreated();

        session.deleted(COOKIE_ID);
        session.ended(COOKIE_ID, NEW_ID);

        assertThat(session.state()).isEqualTo(State.NONE);
        assertThat(session.cookieToSend()).isFalse();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void startIfNoneLeavesASessionThatHasAnIdAlone() {
        RequestSession unverified = RequestSession.fromCookie(COOKIE_ID, true);
        RequestSession free = RequestSession.issued(COOKIE_ID);
        RequestSession live = RequestSession.fromCookie(COOKIE_ID, true);
        live.live(COOKIE_ID);

        for (RequestSession session : List.of(unverified, free, live)) {
            State before = session.state();
            session.startIfNone(NEW_ID);

            assertThat(session.id()).isEqualTo(COOKIE_ID);
            assertThat(session.state()).isEqualTo(before);
        }
    }

    @Test
    void twoWritesThatBothFindNoSessionStartOneSession() {
        RequestSession session = RequestSession.notYetCreated();

        session.startIfNone(NEW_ID);
        session.startIfNone(OTHER_ID);

        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.state()).isEqualTo(State.FREE);
    }

    @Test
    void rotationOfALiveSessionKeepsItLiveAndItsKeyIndexAndSendsTheNewId() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);
        session.live(COOKIE_ID);
        session.keyIndex(Set.of("user", "cart"));

        String sent = session.rotatedTo(NEW_ID, true);

        assertThat(sent).isEqualTo(NEW_ID);
        assertThat(session.id()).isEqualTo(NEW_ID);
        assertThat(session.storeKey()).isEqualTo(SessionIds.storeKey(NEW_ID));
        assertThat(session.state()).isEqualTo(State.LIVE);
        assertThat(session.keyIndex()).containsExactlyInAnyOrder("user", "cart");
        assertThat(session.issuedHere()).isTrue();
        assertThat(session.cookieToSend()).isTrue();
        assertThat(session.cookieToExpire()).isFalse();
    }

    @Test
    void rotationWithNothingStoredLeavesAFreeSessionWithoutKeys() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, false);
        session.keyIndex(Set.of("stale"));

        session.rotatedTo(NEW_ID, false);

        assertThat(session.state()).isEqualTo(State.FREE);
        assertThat(session.keyIndex()).isEmpty();
        assertThat(session.cookieToSend()).isTrue();
    }

    @Test
    void rotationAfterALazyEndSendsTheNewIdInsteadOfExpiringTheCookie() {
        RequestSession session = RequestSession.fromCookie(COOKIE_ID, true);
        session.ended(COOKIE_ID, null);
        assertThat(session.cookieToExpire()).isTrue();

        session.rotatedTo(NEW_ID, false);

        assertThat(session.cookieToExpire()).isFalse();
        assertThat(session.cookieToSend()).isTrue();
    }

    @Test
    void creationOfAnIdIsAnnouncedOnceAndANewIdAgain() {
        RequestSession session = RequestSession.issued(NEW_ID);

        assertThat(session.firstToAnnounce(NEW_ID)).isTrue();
        assertThat(session.firstToAnnounce(NEW_ID)).isFalse();
        assertThat(session.firstToAnnounce(OTHER_ID)).isTrue();
        assertThat(session.firstToAnnounce(OTHER_ID)).isFalse();
    }

    @Test
    void queuedWriteStartsOnlyAfterThePreviousOneCompletesEvenWhenThatOneFails() {
        RequestSession session = RequestSession.issued(NEW_ID);
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicReference<UniEmitter<? super Void>> firstWrite = new AtomicReference<>();

        Uni<Void> first = session.afterPreviousWrite(() -> {
            events.add("first started");
            return Uni.createFrom().<Void> emitter(firstWrite::set);
        });
        Uni<Void> second = session.afterPreviousWrite(() -> {
            events.add("second started");
            return Uni.createFrom().voidItem();
        });
        first.subscribe().with(ok -> events.add("first succeeded"), failure -> events.add("first failed"));
        second.subscribe().with(ok -> events.add("second succeeded"), failure -> events.add("second failed"));

        assertThat(events).containsExactly("first started");

        firstWrite.get().fail(new IllegalStateException("store down"));

        // the order of the last three is Mutiny's to choose; what matters is that the second waited and ran once
        assertThat(events).hasSize(4).startsWith("first started")
                .contains("first failed", "second started", "second succeeded");
    }
}
