package io.quarkiverse.novasession.runtime;

/**
 * What the build knows of the chosen store, handed to run time as a bean.
 *
 * @param kind which store {@code quarkus.nova-session.manager} chose
 * @param shared whether several instances of the application share it (they must then agree on the id key)
 * @param renames whether it implements {@code NovaSessionStore.renameSession}; if not, the session layer keeps each
 *        session's key list so that it can rotate ids by copying
 */
public record StoreFacts(Kind kind, boolean shared, boolean renames) {

    /**
     * The store's kind.
     */
    public enum Kind {
        /** The built-in memory store. */
        MEMORY,
        /** The built-in Infinispan store. */
        INFINISPAN,
        /** The built-in Redis store. */
        REDIS,
        /** A class of the application. */
        CUSTOM
    }
}
