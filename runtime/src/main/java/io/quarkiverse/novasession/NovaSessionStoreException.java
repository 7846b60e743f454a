package io.quarkiverse.novasession;

/**
 * The session store could not serve a session operation in time (unreachable, too slow, failing). The extension
 * answers such a request with HTTP 503; the application may catch it to degrade instead.
 */
public class NovaSessionStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NovaSessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
