package io.quarkiverse.novasession.runtime;

import java.util.Locale;

import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSecure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes the session cookie and its expiring counterpart with the configured attributes. The attribute text is built
 * once, at start-up; a request only concatenates.
 */
final class SessionCookieWriter {

    private static final String PRIVATE = "private, no-cache=\"Set-Cookie\"";
    private static final String EXPIRED = "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";

    private final String namePrefix;
    private final String scope;
    private final String maxAge;
    private final String flags;
    private final CookieSecure secure;

    SessionCookieWriter(CookieConfig config) {
        String name = config.name();
        if (!isToken(name)) {
            throw new IllegalArgumentException("quarkus.nova-session.cookie.name '" + name
                    + "' is not a valid cookie name: use letters, digits and !#$%&'*+-.^_`|~ only");
        }
        this.namePrefix = name + "=";
        checkAttribute("path", config.path());
        config.domain().ifPresent(domain -> checkAttribute("domain", domain));
        StringBuilder scopeText = new StringBuilder("; Path=").append(config.path());
        config.domain().ifPresent(domain -> scopeText.append("; Domain=").append(domain));
        this.scope = scopeText.toString();
        this.maxAge = config.maxAge().map(age -> "; Max-Age=" + age.toSeconds()).orElse("");
        this.secure = config.secure();
        StringBuilder flagText = new StringBuilder();
        if (config.httpOnly()) {
            flagText.append("; HttpOnly");
        }
        flagText.append("; SameSite=").append(config.sameSite().attributeValue());
        this.flags = flagText.toString();
    }

    void writeSessionCookie(HttpServerRequest request, String sessionId) {
        write(request, namePrefix + sessionId + scope + maxAge + secureFlag(request) + flags);
    }

    void writeExpiringCookie(HttpServerRequest request) {
        write(request, namePrefix + scope + EXPIRED + secureFlag(request) + flags);
    }

    private static void write(HttpServerRequest request, String setCookie) {
        HttpServerResponse response = request.response();
        response.headers().add(HttpHeaders.SET_COOKIE, setCookie);
        keepOutOfSharedCaches(response);
    }

    /**
     * A response that sets a session cookie must never be stored by a shared cache, or the cache would hand this
     * visitor's session to the next visitors. The application's own directives stay, but {@code public} goes.
     */
    private static void keepOutOfSharedCaches(HttpServerResponse response) {
        String cacheControl = response.headers().get(HttpHeaders.CACHE_CONTROL);
        if (cacheControl == null || cacheControl.isBlank()) {
            response.headers().set(HttpHeaders.CACHE_CONTROL, PRIVATE);
            return;
        }
        StringBuilder kept = new StringBuilder();
        boolean alreadyPrivate = false;
        for (String directive : cacheControl.split(",")) {
            String trimmed = directive.trim();
            String name = trimmed.toLowerCase(Locale.ROOT);
            if (name.equals("public") || name.startsWith("s-maxage")) {
                continue;
            }
            alreadyPrivate |= name.equals("private") || name.equals("no-store");
            if (!trimmed.isEmpty()) {
                kept.append(kept.length() == 0 ? "" : ", ").append(trimmed);
            }
        }
        if (!alreadyPrivate) {
            kept.append(kept.length() == 0 ? "" : ", ").append(PRIVATE);
        }
        response.headers().set(HttpHeaders.CACHE_CONTROL, kept.toString());
    }

    private String secureFlag(HttpServerRequest request) {
        switch (secure) {
            case ALWAYS:
                return "; Secure";
            case NEVER:
                return "";
            default:
                return request.isSSL() ? "; Secure" : "";
        }
    }

    private static void checkAttribute(String property, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';') {
                throw new IllegalArgumentException("quarkus.nova-session.cookie." + property + " '" + value
                        + "' contains a ';' or a control character, which would break the Set-Cookie header");
            }
        }
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tokenChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tokenChar) {
                return false;
            }
        }
        return true;
    }
}
