package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.SessionIdSigner;
import io.quarkiverse.novasession.runtime.SessionIds;
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

    @Inject
    NovaSessionStore store;

    @Test
    void idSignedWithAnOlderKeyStillOpensItsSession() {
        String oldId = new SessionIdSigner(List.of(OLD_KEY)).generate();
        // the session as an instance that still signed with the old key left it in the store
        store.writeValues(SessionIds.storeKey(oldId), Map.of(NovaSessionStore.LAST_SEEN_KEY,
                Long.toString(System.currentTimeMillis()), "k", "\"stored under the old key\""), true)
                .await().indefinitely();

        Response read = given().cookie("session_id", oldId).get("/get/k");

        assertThat(read.body().asString()).isEqualTo("stored under the old key");
        assertThat(read.headers().getValues("Set-Cookie")).isEmpty();
        Response id = given().cookie("session_id", oldId).get("/id");
        assertThat(id.body().asString()).isEqualTo(oldId);
        assertThat(id.headers().getValues("Set-Cookie")).isEmpty();
    }

    @Test
    void idSignedWithAnOlderKeyThatHoldsNothingYetIsStillTheVisitorsSession() {
        String oldId = new SessionIdSigner(List.of(OLD_KEY)).generate();

        Response read = given().cookie("session_id", oldId).get("/get/k");
        assertThat(read.body().asString()).isEqualTo("<none>");
        assertThat(read.headers().getValues("Set-Cookie")).isEmpty();
        Response write = given().cookie("session_id", oldId).get("/set/k?value=v");
        assertThat(write.body().asString()).isEqualTo(oldId);
        assertThat(write.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(given().cookie("session_id", oldId).get("/get/k").body().asString()).isEqualTo("v");
    }

    @Test
    void idSignedWithAnUnknownKeyIsRefused() {
        String foreign = new SessionIdSigner(List.of("someone-elses-key-0123456789-0123456789")).generate();
        Response response = given().cookie("session_id", foreign).get("/id");
        assertThat(response.body().asString()).isNotEqualTo(foreign);
        assertThat(response.header("Set-Cookie")).startsWith("session_id=");
    }
}
