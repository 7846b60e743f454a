package io.quarkiverse.novasession.runtime.auth;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.runtime.NovaSessionConfig.FormConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Form login on sessions: the login form's POST, checked by the application's identity providers for user names and
 * passwords, logs the visitor in ({@link SessionLogins}) and sends them back to the page they first asked for; a
 * browser asking for a protected page is sent to the login page, any other client gets 401.
 */
final class FormLogin {

    private static final Logger LOG = Logger.getLogger(FormLogin.class);
    private static final Uni<ChallengeData> UNAUTHORIZED = Uni.createFrom().item(new ChallengeData(401));

    private final SessionLogins logins;
    private final String postLocation;
    private final String usernameParameter;
    private final String passwordParameter;
    private final String locationCookie;
    private final Optional<String> loginPage;
    private final Optional<String> errorPage;
    private final Optional<String> landingPage;

    FormLogin(FormConfig config, SessionLogins logins) {
        this.logins = logins;
        this.postLocation = slashed(config.postLocation());
        this.usernameParameter = config.usernameParameter();
        this.passwordParameter = config.passwordParameter();
        this.locationCookie = config.locationCookie();
        this.loginPage = config.loginPage().map(FormLogin::slashed);
        this.errorPage = config.errorPage().map(FormLogin::slashed);
        this.landingPage = config.landingPage().map(FormLogin::slashed);
    }

    boolean isLoginPost(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && postLocation.equals(ctx.normalizedPath());
    }

    /**
     * Checks the posted user name and password and logs in. The response (a redirect) is sent here; the POST itself
     * stays anonymous, as the next request carries the new identity.
     */
    Uni<SecurityIdentity> login(RoutingContext ctx, IdentityProviderManager identities) {
        ctx.request().setExpectMultipart(true);
        return Uni.createFrom().<MultiMap> emitter(emitter -> {
            ctx.request().endHandler(ignored -> emitter.complete(ctx.request().formAttributes()));
            ctx.request().exceptionHandler(emitter::fail);
            ctx.request().resume();
        }).chain(form -> {
            String username = form.get(usernameParameter);
            String password = form.get(passwordParameter);
            if (username == null || username.isEmpty() || password == null) {
                return Uni.createFrom().failure(new AuthenticationFailedException("No user name or password posted"));
            }
            UsernamePasswordAuthenticationRequest request = new UsernamePasswordAuthenticationRequest(username,
                    new PasswordCredential(password.toCharArray()));
            return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, ctx));
        }).chain(identity -> logins
                .login(identity.getPrincipal().getName(), identity.getRoles(), identity)
                .invoke(() -> redirectAfterLogin(ctx)))
                .replaceWith(Uni.createFrom().nullItem());
    }

    Uni<ChallengeData> challenge(RoutingContext ctx) {
        if (isLoginPost(ctx)) {
            return errorPage.map(page -> redirect(ctx, page)).orElse(UNAUTHORIZED);
        }
        if (loginPage.isPresent() && wantsHtml(ctx)) {
            rememberLocation(ctx);
            return redirect(ctx, loginPage.get());
        }
        return UNAUTHORIZED;
    }

    /**
     * A browser's navigation names {@code text/html}; API clients, scripts and curl ({@code *}/{@code *}, JSON,
     * {@code X-Requested-With}) get 401 rather than a login page.
     */
    static boolean wantsHtml(RoutingContext ctx) {
        if (ctx.request().getHeader("X-Requested-With") != null) {
            return false;
        }
        List<String> accept = ctx.request().headers().getAll(HttpHeaders.ACCEPT);
        for (String value : accept) {
            if (value.toLowerCase(java.util.Locale.ROOT).contains("text/html")) {
                return true;
            }
        }
        return false;
    }

    private void redirectAfterLogin(RoutingContext ctx) {
        Cookie location = ctx.request().getCookie(locationCookie);
        String target = location == null ? null : sameOrigin(ctx, location.getValue());
        if (location != null) {
            ctx.response().addCookie(locationCookie(ctx, "").setMaxAge(0));
        }
        if (target == null) {
            target = landingPage.map(page -> absolute(ctx, page)).orElse(null);
        }
        if (target == null) {
            ctx.response().setStatusCode(200).end();
        } else {
            ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, target).end();
        }
    }

    private void rememberLocation(RoutingContext ctx) {
        ctx.response().addCookie(locationCookie(ctx, ctx.request().absoluteURI()));
    }

    private Cookie locationCookie(RoutingContext ctx, String value) {
        return Cookie.cookie(locationCookie, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(ctx.request().isSSL());
    }

    /**
     * @return the remembered location if it is on this application's scheme, host and port; null otherwise (a forged
     *         cookie must not make the login an open redirect)
     */
    private static String sameOrigin(RoutingContext ctx, String location) {
        try {
            URI requested = URI.create(ctx.request().absoluteURI());
            URI remembered = URI.create(location);
            if (requested.getScheme() != null && requested.getScheme().equals(remembered.getScheme())
                    && requested.getRawAuthority() != null
                    && requested.getRawAuthority().equals(remembered.getRawAuthority())) {
                return location;
            }
        } catch (IllegalArgumentException e) {
            // not a URI: ignored like a foreign one
        }
        LOG.debugf("Location cookie not on this application's origin: ignored");
        return null;
    }

    private static Uni<ChallengeData> redirect(RoutingContext ctx, String page) {
        return Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION, absolute(ctx, page)));
    }

    private static String absolute(RoutingContext ctx, String page) {
        return ctx.request().scheme() + "://" + ctx.request().authority() + page;
    }

    private static String slashed(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }
}
