package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A forwarded "https" from a client Quarkus does not trust is ignored: no Secure on the word of anyone.
 */
class SecureCookieBehindUntrustedProxyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.behindProxy("10.11.12.13");

    @Test
    void forwardedHttpsFromAnUntrustedAddressDoesNotMakeTheCookieSecure() {
        String setCookie = given().header("X-Forwarded-Proto", "https").get("/id").header("Set-Cookie");
        assertThat(setCookie).doesNotContain("Secure");
    }
}
