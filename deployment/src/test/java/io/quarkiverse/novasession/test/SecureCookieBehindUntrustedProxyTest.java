package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A forwarded "https" from a client Quarkus does not trust is ignored: no Secure on the word of anyone.
 */
class SecureCookieBehindUntrustedProxyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SessionRoutes.class)
                    .addAsResource(new StringAsset("""
                            quarkus.http.proxy.proxy-address-forwarding=true
                            quarkus.http.proxy.allow-x-forwarded=true
                            quarkus.http.proxy.trusted-proxies=10.11.12.13
                            """), "application.properties"));

    @Test
    void forwardedHttpsFromAnUntrustedAddressDoesNotMakeTheCookieSecure() {
        String setCookie = given().header("X-Forwarded-Proto", "https").get("/id").header("Set-Cookie");
        assertThat(setCookie).doesNotContain("Secure");
    }
}
