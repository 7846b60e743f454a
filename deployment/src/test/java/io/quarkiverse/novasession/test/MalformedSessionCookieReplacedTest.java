package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class MalformedSessionCookieReplacedTest {

    private static final String WELL_FORMED = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String OTHER_WELL_FORMED = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SessionRoutes.class, RecordingStore.class, StoreNaming.class)
                    .addAsResource(new StringAsset("quarkus.nova-session.manager=" + RecordingStore.class.getName()),
                            "application.properties"));

    @BeforeEach
    void clearCalls() {
        RecordingStore.CALLS.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "session_id=",
            "session_id=short",
            "session_id=" + WELL_FORMED + "A", // one character too long
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // one character too short
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", // standard base64, not base64url
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // padding
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", // bits beyond 256 set: not a canonical id
            "session_id=AAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAA",
            "session_id=" + WELL_FORMED + "; session_id=" + OTHER_WELL_FORMED,
            "session_id=../../etc/passwd"
    })
    void malformedCookieIsTreatedAsAbsentAndNeverReachesTheStore(String cookieHeader) {
        Response response = given().header("Cookie", cookieHeader).get("/get/name");
        assertThat(response.statusCode()).isEqualTo(200);
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).matches("session_id=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
        String newId = setCookie.substring("session_id=".length(), setCookie.indexOf(';'));
        assertThat(cookieHeader).doesNotContain(newId);
        assertThat(RecordingStore.CALLS).containsExactly("get " + newId + " name");
    }

    @Test
    void sameWellFormedIdSentTwiceIsAccepted() {
        Response response = given().header("Cookie", "session_id=" + WELL_FORMED + "; other=1; session_id=\"" + WELL_FORMED + "\"")
                .get("/get/name");
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
        assertThat(RecordingStore.CALLS).containsExactly("get " + WELL_FORMED + " name");
    }

    @Test
    void otherCookiesAroundAValidSessionCookieAreIgnored() {
        Response response = given().header("Cookie", "a=b; session_idx=zzz; " + "session_id=" + WELL_FORMED + ";theme=dark")
                .get("/id");
        assertThat(response.body().asString()).isEqualTo(WELL_FORMED);
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
    }
}
