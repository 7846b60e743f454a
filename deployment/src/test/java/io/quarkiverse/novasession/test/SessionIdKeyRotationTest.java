package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIdSigner;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SessionIdKeyRotationTest {

    private static final String NEW_KEY = "new-key-0123456789-0123456789-0123456789";
    private static final String OLD_KEY = "old-key-0123456789-0123456789-0123456789";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SessionRoutes.class)
                    .addAsResource(new StringAsset("quarkus.nova-session.id-keys=" + NEW_KEY + "," + OLD_KEY),
                            "application.properties"));

    @Test
    void newIdsAreSignedWithTheFirstKey() {
        String id = given().get("/id").body().asString();
        assertThat(new SessionIdSigner(List.of(NEW_KEY)).isIssued(id)).isTrue();
        assertThat(new SessionIdSigner(List.of(OLD_KEY)).isIssued(id)).isFalse();
    }

    @Test
    void idSignedWithAnOlderKeyStillOpensItsSession() {
        String oldId = new SessionIdSigner(List.of(OLD_KEY)).generate();
        Response response = given().cookie("session_id", oldId).get("/id");
        assertThat(response.body().asString()).isEqualTo(oldId);
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
    }

    @Test
    void idSignedWithAnUnknownKeyIsRefused() {
        String foreign = new SessionIdSigner(List.of("someone-elses-key-0123456789-0123456789")).generate();
        Response response = given().cookie("session_id", foreign).get("/id");
        assertThat(response.body().asString()).isNotEqualTo(foreign);
        assertThat(response.header("Set-Cookie")).startsWith("session_id=");
    }
}
