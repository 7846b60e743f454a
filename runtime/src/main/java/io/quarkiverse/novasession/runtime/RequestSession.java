package io.quarkiverse.novasession.runtime;

import io.quarkiverse.novasession.NovaSessionStore;

/**
 * The session of one HTTP request: its id, and what the response must tell the browser about it. Created by the
 * filter; read by the session beans, possibly on another thread than the one that created it (a request moves from
 * the event loop to a worker thread, never runs on two at once), hence the volatile fields.
 */
final class RequestSession {

    private final SessionRuntime runtime;
    private volatile String id;
    /** The browser does not know {@link #id} yet: the response must set the cookie. */
    private volatile boolean cookieToSend;
    /** The session was deleted in this request and no new one was started: the response must expire the cookie. */
    private volatile boolean deleted;

    private RequestSession(SessionRuntime runtime, String id, boolean cookieToSend) {
        this.runtime = runtime;
        this.id = id;
        this.cookieToSend = cookieToSend;
    }

    static RequestSession fromCookie(SessionRuntime runtime, String id) {
        return new RequestSession(runtime, id, false);
    }

    static RequestSession issued(SessionRuntime runtime) {
        return new RequestSession(runtime, SessionIds.generate(), true);
    }

    String id() {
        return id;
    }

    NovaSessionStore store() {
        return runtime.store();
    }

    SessionRuntime runtime() {
        return runtime;
    }

    boolean isDeleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
        cookieToSend = false;
    }

    /**
     * After {@link #markDeleted()}, a write starts a new session: a new id, never the deleted one.
     *
     * @return the id to write under
     */
    synchronized String idForWrite() {
        if (deleted) {
            id = SessionIds.generate();
            deleted = false;
            cookieToSend = true;
        }
        return id;
    }

    boolean cookieToSend() {
        return cookieToSend;
    }
}
