package io.quarkiverse.novasession;

/**
 * A write would take a session past one of its limits ({@code quarkus.nova-session.max-value-size},
 * {@code quarkus.nova-session.max-keys}, {@code quarkus.nova-session.max-key-length}). Nothing of the write was stored.
 * It is the client's or the application's mistake, not the store's: the extension answers it with HTTP 413 and a short
 * text naming the limit, unless the application maps it itself.
 * <p>
 * It is not an {@link IllegalArgumentException}, so that an application's generic mapper for those does not turn a
 * breached limit into a 400 by accident.
 */
public class SessionLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public SessionLimitException(String key, String message) {
        super(message, null, false, false);
        this.key = key;
    }

    /**
     * @return the session key whose write was refused
     */
    public String key() {
        return key;
    }
}
