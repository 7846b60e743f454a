package io.quarkiverse.novasession;

/**
 * A write would take a session past one of its limits ({@code quarkus.nova-session.max-value-size},
 * {@code quarkus.nova-session.max-keys}). Nothing of the write was stored. It is the client's or the application's
 * mistake, not the store's: applications usually answer it with HTTP 413 or 422.
 */
public class SessionLimitException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public SessionLimitException(String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * @return the session key whose write was refused
     */
    public String key() {
        return key;
    }
}
