package io.quarkiverse.novasession;

/**
 * The session ended in another request (deleted, rotated to a new id, or expired) before this write: nothing was
 * stored. A slow request that read the session before a logout in another tab and writes after it gets this, instead
 * of bringing the logged-out session back. The extension answers it with HTTP 409 Conflict by default, and the
 * response carries the visitor's new cookie state; the application may catch it to answer otherwise.
 * <p>
 * A store may also report it for a session it keeps an end marker for (see {@link NovaSessionStore}). It is thrown
 * often enough under races that it carries no stack trace.
 */
public class SessionEndedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "The session ended in another request before this write; nothing was stored";

    public SessionEndedException() {
        this(MESSAGE);
    }

    public SessionEndedException(String message) {
        super(message, null, false, false);
    }
}
