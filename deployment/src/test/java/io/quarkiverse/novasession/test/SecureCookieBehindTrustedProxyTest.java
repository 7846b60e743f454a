package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * cookie.secure=auto (the default) behind a TLS-terminating proxy that Quarkus trusts: the proxy says the visitor came
 * over HTTPS, so the cookie is Secure.
 */
class SecureCookieBehindTrustedProxyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.behindProxy("127.0.0.1");

    @Test
    void cookieIsSecureWhenTheTrustedProxySaysHttps() {
        String setCookie = given().header("X-Forwarded-Proto", "https").get("/id").header("Set-Cookie");
        assertThat(setCookie).endsWith("; Path=/; Secure; HttpOnly; SameSite=Lax");
    }

    @Test
    void cookieIsNotSecureOverPlainHttp() {
        String setCookie = given().get("/id").header("Set-Cookie");
        assertThat(setCookie).endsWith("; Path=/; HttpOnly; SameSite=Lax").doesNotContain("Secure");
    }
}
