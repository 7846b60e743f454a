package io.quarkiverse.novasession.runtime;

import java.util.Set;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * The session of one HTTP request: its id, what is known of it in the store, and what the response must tell the
 * browser about it. Created by the filter; read by the session beans, possibly on another thread than the one that
 * created it, and by several operations of one request at once ({@code Uni.combine()}), hence the volatile fields and
 * the synchronized transitions. Every transition that follows a store answer names the id the answer was about and
 * does nothing if another operation of the request has moved the session on meanwhile: two parallel operations never
 * split a session into two.
 */
final class RequestSession {

    /**
     * What this request knows of its session in the store.
     */
    enum State {
        /** An id from the cookie, not yet looked up: the first operation reads it. */
        UNVERIFIED,
        /** An id under which nothing is stored (yet): the first write creates the session under it. */
        FREE,
        /** A session the store holds, not expired. */
        LIVE,
        /** No id (lazy creation), or the session was deleted in this request: a write starts a new one. */
        NONE
    }

    private static final long NO_TOUCH = 0;
    /** A write of this request carried the touch: parallel reads that found it due too need not write it again. */
    private static final long TOUCHED = -1;

    /** With lazy creation, a dead id is not replaced until the next write: the response expires the cookie instead. */
    private final boolean lazy;
    private volatile String id;
    /**
     * {@link SessionIds#storeKey(String)} of {@link #id}, computed on first use: a request that never touches its session never
     * hashes.
     */
    private volatile String storeKey;
    private volatile State state;
    /**
     * {@link #id} was made in this request and never reached the browser: nothing can be stored under it but by this request.
     */
    private volatile boolean issuedHere;
    /** The browser does not know {@link #id} yet: the response must set the cookie. */
    private volatile boolean cookieToSend;
    /** The browser's id is dead and no new one was started: the response must expire the cookie. */
    private volatile boolean cookieToExpire;
    /** The session's keys as last read, for a store that cannot rename ({@link SessionRuntime#keepsKeyIndex()}). */
    private volatile Set<String> keyIndex = Set.of();
    /** The id whose creation this request announced ({@code NovaSessionCreated}): at most once per id. */
    private String announced;
    /** The last write of this request, for a store without renaming, whose writes must not overtake each other. */
    private Uni<Void> lastWrite;
    /**
     * The last-seen time a read of this request found due to be written back, not written yet; {@link #NO_TOUCH} or
     * {@link #TOUCHED} otherwise. Kept here rather than written at once so that it rides on the request's next write of
     * the session: a request that reads then writes costs one write, not two, and one that only reads writes it after
     * its response started. Only ever written to the live session it was read from, under its current id (a rotation
     * carries it over): never to an id the session left, nor to a session that ended. Guarded by {@code this}.
     */
    private long pendingTouch = NO_TOUCH;

    private RequestSession(boolean lazy, String id, State state, boolean issuedHere) {
        this.lazy = lazy;
        this.id = id;
        this.state = state;
        this.issuedHere = issuedHere;
        this.cookieToSend = issuedHere;
    }

    static RequestSession fromCookie(String id, boolean lazy) {
        return new RequestSession(lazy, id, State.UNVERIFIED, false);
    }

    /**
     * No session yet (lazy creation): the first write issues one.
     */
    static RequestSession notYetCreated() {
        return new RequestSession(true, null, State.NONE, false);
    }

    /**
     * @param newId an id issued for this request, which the response sends
     */
    static RequestSession issued(String newId) {
        return new RequestSession(false, newId, State.FREE, true);
    }

    /**
     * The visitor's cookie holds an id past the absolute timeout: eager creation gives it a new session at once, lazy
     * creation expires the cookie.
     *
     * @param newId the replacing id with eager creation, null with lazy creation
     */
    static RequestSession replacingExpired(String newId) {
        if (newId == null) {
            RequestSession session = notYetCreated();
            session.cookieToExpire = true;
            return session;
        }
        return issued(newId);
    }

    String id() {
        return id;
    }

    String storeKey() {
        String key = storeKey;
        String current = id;
        if (key == null && current != null) {
            key = SessionIds.storeKey(current);
            storeKey = key;
        }
        return key;
    }

    State state() {
        return state;
    }

    boolean issuedHere() {
        return issuedHere;
    }

    Set<String> keyIndex() {
        return keyIndex;
    }

    void keyIndex(Set<String> keys) {
        keyIndex = keys;
    }

    /**
     * @return true once per id: whether this request is the first to announce that it created the session under
     *         {@code createdId} (a store whose first write is not atomic may say "created" to two writes of one request)
     */
    synchronized boolean firstToAnnounce(String createdId) {
        if (createdId.equals(announced)) {
            return false;
        }
        announced = createdId;
        return true;
    }

    /**
     * Runs {@code write} once the previous write queued here has completed (successfully or not). A store that cannot
     * rename keeps each session's key list, which every write rewrites whole: two writes of one request in flight at
     * once would otherwise each list only their own key.
     */
    synchronized Uni<Void> afterPreviousWrite(Supplier<Uni<Void>> write) {
        Uni<Void> previous = lastWrite;
        Uni<Void> mine = previous == null ? Uni.createFrom().<Void> deferred(write::get)
                : previous.onFailure().recoverWithNull().chain(ignored -> write.get());
        mine = mine.memoize().indefinitely();
        lastWrite = mine;
        return mine;
    }

    /**
     * A read of {@code readId}, a live session, found its last-seen time due for a refresh: {@code time} is written with
     * the next write of the session, or alone once the response started ({@link #takeTouch()}).
     */
    synchronized void touchDue(String readId, long time) {
        if (readId.equals(id) && state == State.LIVE && pendingTouch != TOUCHED) {
            pendingTouch = Math.max(pendingTouch, time);
        }
    }

    /**
     * A write that took the touch ({@link #takeTouch(String)}) stored nothing, yet the session lives on: the touch is
     * due again.
     */
    synchronized void touchNotWritten(String writtenId, long time) {
        if (writtenId.equals(id) && state == State.LIVE && pendingTouch <= NO_TOUCH) {
            pendingTouch = time;
        }
    }

    /**
     * @return the last-seen time due for the live session {@code writtenId}, which the caller's write now carries, or
     *         0
     */
    synchronized long takeTouch(String writtenId) {
        if (!writtenId.equals(id) || state != State.LIVE || pendingTouch <= NO_TOUCH) {
            return NO_TOUCH;
        }
        long time = pendingTouch;
        pendingTouch = TOUCHED;
        return time;
    }

    /**
     * @return the touch no write of the request carried, now the caller's to write, or null
     */
    synchronized Touch takeTouch() {
        if (state != State.LIVE || pendingTouch <= NO_TOUCH) {
            return null;
        }
        Touch touch = new Touch(storeKey(), pendingTouch);
        pendingTouch = TOUCHED;
        return touch;
    }

    /**
     * A last-seen time to write to the session under {@code storeKey}.
     */
    record Touch(String storeKey, long time) {
    }

    /**
     * The store holds a live session under {@code readId}.
     */
    synchronized void live(String readId) {
        if (readId.equals(id) && (state == State.UNVERIFIED || state == State.FREE)) {
            state = State.LIVE;
        }
    }

    /**
     * The store holds nothing under {@code readId}, an id young enough to be the visitor's session.
     */
    synchronized void free(String readId) {
        if (readId.equals(id) && state == State.UNVERIFIED) {
            state = State.FREE;
        }
    }

    /**
     * {@code deadId} holds no session any more and never will (deleted, rotated away or expired, in this request or
     * another): the visitor gets a new one, as for an id past the absolute timeout.
     *
     * @param newId the replacing id with eager creation (ignored with lazy creation, which waits for a write)
     */
    synchronized void ended(String deadId, String newId) {
        if (!deadId.equals(id)) {
            return;
        }
        if (lazy) {
            deletedNow();
        } else {
            startNewSession(newId);
        }
    }

    boolean lazy() {
        return lazy;
    }

    /**
     * The session was deleted in this request.
     */
    synchronized void deleted(String deletedId) {
        if (deletedId.equals(id)) {
            deletedNow();
        }
    }

    private void deletedNow() {
        state = State.NONE;
        cookieToExpire = id != null || cookieToExpire;
        cookieToSend = false;
        keyIndex = Set.of();
        // the session is gone: a touch would only be refused, or, in a store without end markers, bring it back
        pendingTouch = NO_TOUCH;
    }

    /**
     * Where a write goes: a session without an id (deleted in this request, or lazily not created yet) gets
     * {@code newId} first, never the deleted one. Two writes of one request that both see no id start one session.
     */
    synchronized void startIfNone(String newId) {
        if (state == State.NONE) {
            startNewSession(newId);
        }
    }

    /**
     * A new id, with nothing stored under it yet, that this response sends.
     */
    private void startNewSession(String newId) {
        id = newId;
        storeKey = null;
        state = State.FREE;
        issuedHere = true;
        cookieToExpire = false;
        cookieToSend = true;
        keyIndex = Set.of();
        // a new session's first write stores its last-seen time anyway
        pendingTouch = NO_TOUCH;
    }

    /**
     * @param live whether the store moved a live session to {@code newId}
     * @return the new id, which the response now sends
     */
    synchronized String rotatedTo(String newId, boolean live) {
        id = newId;
        storeKey = null;
        state = live ? State.LIVE : State.FREE;
        issuedHere = true;
        cookieToExpire = false;
        cookieToSend = true;
        if (!live) {
            keyIndex = Set.of();
            pendingTouch = NO_TOUCH;
        }
        // a live session moved with its last-seen time as read: a pending touch now goes to the new id, never the old
        return newId;
    }

    boolean cookieToSend() {
        return cookieToSend;
    }

    boolean cookieToExpire() {
        return cookieToExpire;
    }
}
