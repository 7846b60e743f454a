package io.quarkiverse.novasession;

/**
 * A login refused because the principal already has {@code quarkus.nova-session.auth.max-sessions-per-principal} live
 * sessions and {@code quarkus.nova-session.auth.on-max-sessions=refuse}. Unless the application maps it, the answer is
 * 403 with this message. Nothing was logged in; the visitor's session is unchanged but for its rotated id.
 */
public class SessionLoginRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionLoginRefusedException(String message) {
        // no stack trace: a refused login is an answer, not a fault
        super(message, null, false, false);
    }
}
