package io.quarkiverse.novasession;

/**
 * A session value could not be converted: a stored value that cannot be read as the requested type, or a value that
 * cannot be written as JSON. The message names the key and the type.
 */
public class SessionValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public SessionValueException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /**
     * @return the session key whose value could not be converted
     */
    public String key() {
        return key;
    }
}
