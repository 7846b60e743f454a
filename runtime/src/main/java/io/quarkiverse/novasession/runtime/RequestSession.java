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
    /** {@link SessionIds#storeKey(String)} of {@link #id}, computed on first use: a request that never touches its session never hashes. */
    private volatile String storeKey;
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

    /**
     * No session yet (lazy creation): the first write issues one.
     */
    static RequestSession notYetCreated(SessionRuntime runtime) {
        return new RequestSession(runtime, null, false);
    }

    static RequestSession issued(SessionRuntime runtime) {
        return new RequestSession(runtime, runtime.ids().generate(), true);
    }

    String id() {
        return id;
    }

    String storeKey() {
        String key = storeKey;
        if (key == null) {
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

    boolean isDeleted() {
        return deleted;
    }

    /**
     * @return whether there is no session to read: deleted in this request, or not created yet
     */
    boolean isEmpty() {
        return deleted || id == null;
    }

    void markDeleted() {
        deleted = true;
        cookieToSend = false;
    }

    /**
     * After {@link #markDeleted()}, or before any session exists (lazy creation), a write starts a new session: a new
     * id, never the deleted one.
     *
     * @return the store key to write under
     */
    synchronized String storeKeyForWrite() {
        if (deleted || id == null) {
            id = runtime.ids().generate();
            storeKey = null;
            deleted = false;
            cookieToSend = true;
        }
        return storeKey();
    }

    /**
     * @return the new id, which the response now sends
     */
    synchronized String rotatedTo(String newId) {
        id = newId;
        storeKey = null;
        deleted = false;
        cookieToSend = true;
        return newId;
    }

    boolean cookieToSend() {
        return cookieToSend;
    }
}
