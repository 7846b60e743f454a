package io.quarkiverse.novasession.runtime;

import io.quarkiverse.novasession.NovaSessionStore;

/**
 * The session of one HTTP request: its id, what is known of it in the store, and what the response must tell the
 * browser about it. Created by the filter; read by the session beans, possibly on another thread than the one that
 * created it (a request moves from the event loop to a worker thread, never runs on two at once), hence the volatile
 * fields and the synchronized transitions.
 */
final class RequestSession {

    /**
     * What this request knows of its session in the store.
     */
    enum State {
        /** An id from the cookie, not yet looked up: the first operation checks its last-seen time. */
        UNVERIFIED,
        /** An id issued in this request, nothing stored under it yet: the first write creates the session. */
        NEW,
        /** A session the store holds, not expired. */
        LIVE,
        /** No id (lazy creation), or the session was deleted in this request: a write starts a new one. */
        NONE
    }

    private final SessionRuntime runtime;
    private volatile String id;
    /** {@link SessionIds#storeKey(String)} of {@link #id}, computed on first use: a request that never touches its session never hashes. */
    private volatile String storeKey;
    private volatile State state;
    /** The browser does not know {@link #id} yet: the response must set the cookie. */
    private volatile boolean cookieToSend;
    /** The session was deleted or expired in this request and no new one was started: the response must expire the cookie. */
    private volatile boolean cookieToExpire;

    private RequestSession(SessionRuntime runtime, String id, State state, boolean cookieToSend) {
        this.runtime = runtime;
        this.id = id;
        this.state = state;
        this.cookieToSend = cookieToSend;
    }

    static RequestSession fromCookie(SessionRuntime runtime, String id) {
        return new RequestSession(runtime, id, State.UNVERIFIED, false);
    }

    /**
     * No session yet (lazy creation): the first write issues one.
     */
    static RequestSession notYetCreated(SessionRuntime runtime) {
        return new RequestSession(runtime, null, State.NONE, false);
    }

    static RequestSession issued(SessionRuntime runtime) {
        return new RequestSession(runtime, runtime.ids().generate(), State.NEW, true);
    }

    /**
     * The visitor's cookie holds an id past the absolute timeout: eager creation gives it a new session at once, lazy
     * creation expires the cookie.
     */
    static RequestSession replacingExpired(SessionRuntime runtime) {
        RequestSession session = runtime.lazy() ? notYetCreated(runtime) : issued(runtime);
        session.cookieToExpire = runtime.lazy();
        return session;
    }

    String id() {
        return id;
    }

    String storeKey() {
        String key = storeKey;
        if (key == null && id != null) {
            key = SessionIds.storeKey(id);
            storeKey = key;
        }
        return key;
    }

    NovaSessionStore store() {
        return runtime.store();
    }

    SessionRuntime runtime() {
        return runtime;
    }

    State state() {
        return state;
    }

    synchronized void verified() {
        if (state == State.UNVERIFIED) {
            state = State.LIVE;
        }
    }

    synchronized void stored() {
        state = State.LIVE;
    }

    /**
     * The id from the cookie holds no live session (expired, or nothing stored under it): a new one replaces it, as for
     * an id past the absolute timeout.
     */
    synchronized void replaced() {
        if (runtime.lazy()) {
            markDeleted();
        } else {
            startNewSession();
        }
    }

    boolean cookieToExpire() {
        return cookieToExpire;
    }

    synchronized void markDeleted() {
        state = State.NONE;
        cookieToExpire = id != null || cookieToExpire;
        cookieToSend = false;
    }

    /**
     * Where a write goes: a session without an id (deleted in this request, or lazily not created yet) gets a new
     * id first, never the deleted one.
     */
    synchronized void ensureId() {
        if (state == State.NONE) {
            startNewSession();
        }
    }

    /**
     * A new id, with nothing stored under it yet, that this response sends.
     */
    private void startNewSession() {
        id = runtime.ids().generate();
        storeKey = null;
        state = State.NEW;
        cookieToExpire = false;
        cookieToSend = true;
    }

    /**
     * @return the new id, which the response now sends
     */
    synchronized String rotatedTo(String newId) {
        id = newId;
        storeKey = null;
        if (state == State.NONE) {
            state = State.NEW;
        }
        cookieToExpire = false;
        cookieToSend = true;
        return newId;
    }

    boolean cookieToSend() {
        return cookieToSend;
    }
}
