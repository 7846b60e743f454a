package io.quarkiverse.novasession.test.auth;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * An identity store whose roles change while users are logged in, and the identity provider that reads it by principal
 * name (as security-jpa's trusted provider does).
 */
@ApplicationScoped
@Path("/directory")
public class RoleDirectory implements IdentityProvider<TrustedAuthenticationRequest> {

    static final Map<String, Set<String>> ROLES = new ConcurrentHashMap<>();

    /** Sets a user's roles; {@code roles} absent removes the user. */
    @PUT
    public String change(@QueryParam("user") String user, @QueryParam("roles") String roles) {
        if (roles == null) {
            ROLES.remove(user);
        } else {
            ROLES.put(user, roles.isEmpty() ? Set.of() : Set.of(roles.split(",")));
        }
        return "ok";
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
            AuthenticationRequestContext context) {
        Set<String> roles = ROLES.get(request.getPrincipal());
        if (roles == null) {
            return Uni.createFrom().failure(new io.quarkus.security.AuthenticationFailedException("unknown user"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getPrincipal())).addRoles(roles).build());
    }
}
