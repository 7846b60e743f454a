package io.quarkiverse.novasession.runtime.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.AuthConfig.RolesSource;
import io.quarkiverse.novasession.runtime.SessionAccess;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

/**
 * Start-up fails, saying what to add, when authentication on sessions is set up to need what the application lacks:
 * an identity provider that re-reads roles ({@code roles=identity-provider}), one that checks passwords (form login),
 * or a store that keeps a principal index.
 */
@Singleton
public class AuthStartupCheck {

    void check(@Observes StartupEvent started, @Any Instance<IdentityProvider<?>> providers,
            NovaSessionConfig config, NovaSessionBuildTimeConfig buildConfig, SessionAccess access) {
        if (config.auth().roles() == RolesSource.IDENTITY_PROVIDER
                && !handles(providers, TrustedAuthenticationRequest.class)) {
            throw new ConfigurationException("quarkus.nova-session.auth.roles=identity-provider, but no identity "
                    + "provider of the application answers a TrustedAuthenticationRequest (a principal name without a "
                    + "password): add one (quarkus-elytron-security-properties-file with embedded users or a properties "
                    + "file, quarkus-security-jpa, quarkus-elytron-security-jdbc, quarkus-elytron-security-ldap, or an "
                    + "IdentityProvider<TrustedAuthenticationRequest> of your own), or use roles=session");
        }
        if (buildConfig.auth().form().enabled() && !handles(providers, UsernamePasswordAuthenticationRequest.class)) {
            throw new ConfigurationException("quarkus.nova-session.auth.form.enabled=true, but no identity provider of "
                    + "the application checks user names and passwords: add quarkus-elytron-security-properties-file "
                    + "(embedded users or a properties file), quarkus-security-jpa, quarkus-elytron-security-jdbc or "
                    + "quarkus-elytron-security-ldap, or an IdentityProvider<UsernamePasswordAuthenticationRequest>");
        }
        CompletableFuture<?> probe = access.store().principalSessions(PrincipalRegistry.principalKey("probe"))
                .subscribeAsCompletionStage();
        if (probe.isCompletedExceptionally()) {
            try {
                probe.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UnsupportedOperationException) {
                    throw new ConfigurationException("quarkus.nova-session.auth.enabled=true needs a store with a "
                            + "principal index: " + e.getCause().getMessage());
                }
            }
        }
    }

    private static boolean handles(Instance<IdentityProvider<?>> providers,
            Class<? extends AuthenticationRequest> type) {
        for (IdentityProvider<?> provider : providers) {
            if (provider.getRequestType() == type) {
                return true;
            }
        }
        return false;
    }
}
