package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Behind a trusted proxy, the address a login records is the client's, as Quarkus' proxy settings give it.
 */
class LoginRecordsTheForwardedClientAddressTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints("quarkus.http.proxy.proxy-address-forwarding=true",
            "quarkus.http.proxy.allow-x-forwarded=true", "quarkus.http.proxy.trusted-proxies=127.0.0.1");

    @Test
    void theSessionListShowsTheForwardedAddressAndUserAgent() {
        Visitor nina = Visitor.fresh();
        nina.keep(nina.request().header("X-Forwarded-For", "203.0.113.7").header("User-Agent", "nina-phone")
                .queryParam("user", "nina").post("/auth/login"));
        String key = nina.request().get("/auth/store-key").body().asString();
        assertThat(nina.request().get("/auth/sessions?user=nina").body().asString())
                .isEqualTo(key + "|nina-phone|203.0.113.7|true|true");
    }
}
