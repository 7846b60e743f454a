package io.quarkiverse.novasession.runtime.auth;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a login keeps: in the session (reserved identity key) and, for the principal index, beside it. JSON text with
 * short member names, written and read only here.
 *
 * @param principal the principal name
 * @param roles the roles given at login
 * @param loggedInAt epoch milliseconds
 * @param userAgent the login request's {@code User-Agent}, or null
 * @param remoteAddress the login request's client address, or null
 */
record SessionIdentity(String principal, List<String> roles, long loggedInAt, String userAgent,
        String remoteAddress) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SessionIdentity of(String principal, Set<String> roles, long loggedInAt, String userAgent,
            String remoteAddress) {
        // sorted: the same roles are the same text, whatever set they came in
        return new SessionIdentity(principal, List.copyOf(new TreeSet<>(roles)), loggedInAt, userAgent, remoteAddress);
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return the identity, or null for text that is not one (a damaged value reads as not logged in)
     */
    static SessionIdentity fromJson(String text) {
        try {
            SessionIdentity identity = JSON.readValue(text, SessionIdentity.class);
            return identity.principal() == null || identity.principal().isEmpty() ? null
                    : identity.roles() == null ? identity.withRoles(List.of()) : identity;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private SessionIdentity withRoles(List<String> newRoles) {
        return new SessionIdentity(principal, newRoles, loggedInAt, userAgent, remoteAddress);
    }
}
