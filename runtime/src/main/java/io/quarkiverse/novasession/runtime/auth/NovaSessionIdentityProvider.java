package io.quarkiverse.novasession.runtime.auth;

import jakarta.inject.Singleton;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Builds the identity of a logged-in session from what the session keeps: no identity store is asked (roles given at
 * login). Being always there, it also lets the {@code nova-session} mechanism start in an application with no identity
 * provider of its own.
 */
@Singleton
public class NovaSessionIdentityProvider implements IdentityProvider<NovaSessionAuthenticationRequest> {

    @Override
    public Class<NovaSessionAuthenticationRequest> getRequestType() {
        return NovaSessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(NovaSessionAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return Uni.createFrom().item(identity(request.principal(), request.roles()));
    }

    static SecurityIdentity identity(String principal, java.util.Set<String> roles) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(principal))
                .addRoles(roles)
                .build();
    }
}
