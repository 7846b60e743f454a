package io.quarkiverse.novasession;

/**
 * The session API was used where no session exists: outside an HTTP request, or with sessions disabled
 * ({@code quarkus.nova-session.enabled=false}). The message says which, and how to fix it.
 */
public class SessionIdNotSetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SessionIdNotSetException(String message) {
        super(message);
    }
}
