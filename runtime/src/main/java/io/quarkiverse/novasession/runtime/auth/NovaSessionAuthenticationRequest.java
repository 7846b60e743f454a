package io.quarkiverse.novasession.runtime.auth;

import java.util.Set;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * The identity a session was logged in with, to be made a {@code SecurityIdentity} by
 * {@link NovaSessionIdentityProvider} through Quarkus' {@code IdentityProviderManager}, so that the application's
 * {@code SecurityIdentityAugmentor}s apply.
 */
public final class NovaSessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String principal;
    private final Set<String> roles;

    public NovaSessionAuthenticationRequest(String principal, Set<String> roles) {
        this.principal = principal;
        this.roles = roles;
    }

    public String principal() {
        return principal;
    }

    public Set<String> roles() {
        return roles;
    }
}
