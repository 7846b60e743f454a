package io.quarkiverse.novasession.runtime.metrics;

import java.util.Locale;

/**
 * What the session layer reports to a metrics system. The session layer calls it on the request path, so an
 * implementation only counts and times, never blocks; {@link #NONE}, used when the application has no Micrometer or
 * {@code quarkus.nova-session.metrics.enabled=false}, does nothing at all. Lifecycle counts (created, ended) come from
 * the lifecycle events, not from here.
 */
public interface SessionMetrics {

    /** Reports nothing: the session layer also skips the clock reads around store calls. */
    SessionMetrics NONE = new SessionMetrics() {
        @Override
        public void storeCall(Operation operation, Outcome outcome, long nanos) {
        }

        @Override
        public void rejected(Rejection reason) {
        }
    };

    /**
     * @param operation the store method called
     * @param outcome how it ended
     * @param nanos how long it took, until its answer (or the timeout)
     */
    void storeCall(Operation operation, Outcome outcome, long nanos);

    /**
     * A request's session id, or a session write, was refused.
     */
    void rejected(Rejection reason);

    /**
     * The store operations, tag {@code operation}: the {@code NovaSessionStore} method names.
     */
    enum Operation {
        GET_VALUE("getValue"),
        GET_VALUES("getValues"),
        WRITE_VALUES("writeValues"),
        DELETE_VALUE("deleteValue"),
        END_SESSION("endSession"),
        RENAME_SESSION("renameSession"),
        SHARED_ID_KEY("sharedIdKey"),
        PRINCIPAL_SESSIONS("principalSessions"),
        UPDATE_PRINCIPAL_SESSIONS("updatePrincipalSessions");

        private final String tag;

        Operation(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    /**
     * How a store call ended, tag {@code outcome}.
     */
    enum Outcome {
        /** It answered. */
        SUCCESS,
        /** It refused: the session had ended ({@code SessionEndedException}). */
        ENDED,
        /** It refused: a limit ({@code SessionLimitException}). */
        LIMIT,
        /** It did not answer within {@code store-timeout}. */
        TIMEOUT,
        /** It failed. */
        FAILURE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why a session was refused, tag {@code reason}.
     */
    enum Rejection {
        /** The session cookie held a value this application never issued (wrong form or signature). */
        FORGED,
        /** The id was past {@code absolute-timeout} or its session idle past {@code idle-timeout}. */
        EXPIRED,
        /** A write went past {@code max-keys}, {@code max-key-length} or {@code max-value-size}. */
        LIMIT,
        /** The id's session had been ended (deleted, rotated away) by another request. */
        ENDED;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
