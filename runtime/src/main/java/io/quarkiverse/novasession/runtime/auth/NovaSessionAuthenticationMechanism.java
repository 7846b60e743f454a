package io.quarkiverse.novasession.runtime.auth;

import java.util.HashSet;
import java.util.Set;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.AuthConfig.RolesSource;
import io.quarkiverse.novasession.runtime.SessionAccess;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code nova-session} authentication mechanism: a request whose session was logged in is authenticated as the
 * identity the session keeps, read with the session's own first store read (a request without a session cookie costs
 * no store access), and built through Quarkus' {@code IdentityProviderManager} so that the application's augmentors
 * apply. With form login, it also takes the login form's POST and sends browsers to the login page.
 */
@Singleton
public class NovaSessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The scheme for {@code auth-mechanism=nova-session} and {@code @HttpAuthenticationMechanism("nova-session")}. */
    public static final String SCHEME = "nova-session";

    private static final Uni<ChallengeData> UNAUTHORIZED = Uni.createFrom().item(new ChallengeData(401));

    private final SessionAccess access;
    private final boolean rolesFromProviders;
    private final FormLogin form;
    private final HttpCredentialTransport transport;
    private final int priority;

    NovaSessionAuthenticationMechanism(SessionAccess access, NovaSessionConfig config,
            NovaSessionBuildTimeConfig buildConfig, SessionLogins logins) {
        this.access = access;
        this.rolesFromProviders = config.auth().roles() == RolesSource.IDENTITY_PROVIDER;
        this.form = buildConfig.auth().form().enabled() ? new FormLogin(config.auth().form(), logins) : null;
        this.transport = new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, config.cookie().name(), SCHEME);
        this.priority = config.auth().priority();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager identities) {
        if (form != null && form.isLoginPost(ctx)) {
            return form.login(ctx, identities);
        }
        return access.identity(ctx).chain(found -> {
            SessionIdentity identity = found.map(SessionIdentity::fromJson).orElse(null);
            if (identity == null) {
                return Uni.createFrom().nullItem();
            }
            AuthenticationRequest request = rolesFromProviders
                    ? new TrustedAuthenticationRequest(identity.principal())
                    : new NovaSessionAuthenticationRequest(identity.principal(), Set.copyOf(identity.roles()));
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, ctx));
        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        return form != null ? form.challenge(ctx) : UNAUTHORIZED;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        Set<Class<? extends AuthenticationRequest>> types = new HashSet<>();
        types.add(NovaSessionAuthenticationRequest.class);
        if (rolesFromProviders) {
            types.add(TrustedAuthenticationRequest.class);
        }
        if (form != null) {
            types.add(UsernamePasswordAuthenticationRequest.class);
        }
        return types;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext ctx) {
        return Uni.createFrom().item(transport);
    }

    @Override
    public int getPriority() {
        return priority;
    }
}
