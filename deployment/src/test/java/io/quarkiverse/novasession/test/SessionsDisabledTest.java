package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SessionsDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SessionRoutes.class)
                    .addAsResource(new StringAsset("quarkus.nova-session.enabled=false"), "application.properties"));

    @Test
    void noResponseCarriesASessionCookie() {
        Response response = given().get("/nothing");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/id", "/get/k", "/set/k?value=v", "/delete-session", "/blocking/id", "/blocking/get/k",
            "/blocking/set/k?value=v" })
    void bothBeansStayInjectableAndSayHowToEnableSessions(String path) {
        Response response = given().get(path);
        assertThat(response.body().asString())
                .startsWith("SessionIdNotSetException: Sessions are disabled")
                .contains("quarkus.nova-session.enabled=true");
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
    }
}
