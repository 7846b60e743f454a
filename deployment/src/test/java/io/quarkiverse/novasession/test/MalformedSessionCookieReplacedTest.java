package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class MalformedSessionCookieReplacedTest {

    /** Well-formed (54 base64url characters, zero padding bits) but issued by nobody: its MAC is wrong. */
    private static final String FORGED = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class);

    @BeforeEach
    void clearCalls() {
        RecordingStore.CALLS.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "session_id=",
            "session_id=short",
            "session_id=" + FORGED,
            "session_id=" + FORGED + "A", // one character too long
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", // one character too short
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", // standard base64, not base64url
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // padding
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", // bits beyond 320 set: not canonical
            "session_id=AAAAAAAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "session_id=../../etc/passwd"
    })
    void malformedOrForgedCookieIsTreatedAsAbsentAndNeverReachesTheStore(String cookieHeader) {
        String newId = assertFreshSession(given().header("Cookie", cookieHeader).get("/get/name"));
        assertThat(cookieHeader).doesNotContain(newId);
    }

    @Test
    void issuedIdWithOneCharacterChangedIsRefused() {
        String issued = issuedId();
        char last = issued.charAt(10);
        String offByOne = issued.substring(0, 10) + (last == 'B' ? 'C' : 'B') + issued.substring(11);
        String newId = assertFreshSession(given().cookie("session_id", offByOne).get("/get/name"));
        assertThat(newId).isNotEqualTo(issued);
    }

    @Test
    void twoIssuedIdsThatDisagreeAreBothRefused() {
        String first = issuedId();
        String second = issuedId();
        String newId = assertFreshSession(
                given().header("Cookie", "session_id=" + first + "; session_id=" + second).get("/get/name"));
        assertThat(newId).isNotIn(first, second);
    }

    @Test
    void sameIssuedIdSentTwiceIsAccepted() {
        String issued = given().get("/set/name?value=ada").body().asString();
        RecordingStore.CALLS.clear();
        Response response = given().header("Cookie", "session_id=" + issued + "; other=1; session_id=\"" + issued + "\"")
                .get("/get/name");
        assertThat(response.body().asString()).isEqualTo("ada");
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
        String storeKey = SessionIds.storeKey(issued);
        // the accepted id is looked up: its last-seen time, its key list, then the value (a store without getValues,
        // one by one)
        assertThat(RecordingStore.CALLS).containsExactly("get " + storeKey + " __nova_seen",
                "get " + storeKey + " __nova_keys", "get " + storeKey + " name");
    }

    @Test
    void otherCookiesAroundAValidSessionCookieAreIgnored() {
        String issued = issuedId();
        Response response = given().header("Cookie", "a=b; session_idx=zzz; " + "session_id=" + issued + ";theme=dark")
                .get("/id");
        assertThat(response.body().asString()).isEqualTo(issued);
        assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
    }

    private static String issuedId() {
        return given().get("/id").body().asString();
    }

    /**
     * @return the new id, after checking the response issued it and the store saw nothing: neither the refused value
     *         nor the new id, which holds nothing yet
     */
    private static String assertFreshSession(Response response) {
        assertThat(response.statusCode()).isEqualTo(200);
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).matches("session_id=[A-Za-z0-9_-]{54}; Path=/; HttpOnly; SameSite=Lax");
        String newId = setCookie.substring("session_id=".length(), setCookie.indexOf(';'));
        assertThat(RecordingStore.CALLS).isEmpty();
        return newId;
    }
}
