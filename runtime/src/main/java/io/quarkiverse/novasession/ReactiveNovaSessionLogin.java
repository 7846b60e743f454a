package io.quarkiverse.novasession;

import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * {@link NovaSessionLogin} for event-loop code (reactive routes, {@code Uni}-returning endpoints, Vert.x handlers):
 * nothing blocks. Injectable with {@code quarkus.nova-session.auth.enabled=true}.
 */
public interface ReactiveNovaSessionLogin {

    /**
     * @see NovaSessionLogin#login(String, Set)
     */
    Uni<Void> login(String principal, Set<String> roles);

    /**
     * @see NovaSessionLogin#login(SecurityIdentity)
     */
    Uni<Void> login(SecurityIdentity identity);

    /**
     * @see NovaSessionLogin#logout()
     */
    Uni<Void> logout();
}
