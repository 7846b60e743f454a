package io.quarkiverse.novasession.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.restassured.common.mapper.TypeRef;
import io.restassured.response.Response;

/**
 * Every session behaviour, over real HTTP against the demo application. Each store's application module runs it
 * (subclasses annotated {@code @QuarkusTest}, and {@code @QuarkusIntegrationTest} for the packaged application), so
 * every store proves the same semantics.
 */
public abstract class SessionSuite {

    /** 54 base64url characters: the form of an id, but with a MAC no key of the application made. */
    private static final String FORGED_ID = "A".repeat(54);
    private static final String COOKIE_FORMAT = "session_id=[A-Za-z0-9_-]{54}; Path=/; HttpOnly; SameSite=Lax";

    @Test
    void newVisitorGetsASecureCookieBeforeTheApplicationRuns() {
        Response response = given().get("/counter");
        assertThat(Visitor.sessionCookies(response)).singleElement().asString().matches(COOKIE_FORMAT);
        assertThat(response.body().asString()).isEqualTo("1");
    }

    @Test
    void returningVisitorKeepsItsSessionAndGetsNoNewCookie() {
        Visitor visitor = new Visitor();
        visitor.get("/counter");
        Response second = visitor.get("/counter");
        assertThat(second.body().asString()).isEqualTo("2");
        assertThat(Visitor.sessionCookies(second)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/counter", "/counter/reactive", "/counter/route", "/counter/vertx" })
    void sessionWorksFromBlockingAndReactiveRestReactiveRoutesAndVertxHandlers(String path) {
        Visitor visitor = new Visitor();
        assertThat(visitor.get(path).body().asString()).isEqualTo("1");
        assertThat(visitor.get(path).body().asString()).isEqualTo("2");
        assertThat(visitor.get(path).body().asString()).isEqualTo("3");
    }

    @Test
    void allKindsOfEndpointShareOneSession() {
        Visitor visitor = new Visitor();
        visitor.get("/counter");
        visitor.get("/counter/reactive");
        visitor.get("/counter/route");
        assertThat(visitor.get("/counter/vertx").body().asString()).isEqualTo("4");
    }

    @Test
    void twoVisitorsNeverSeeEachOthersData() {
        Visitor alice = new Visitor();
        Visitor bob = new Visitor();
        alice.postForm("/login", "user", "alice");
        bob.postForm("/login", "user", "bob");
        alice.get("/counter");
        alice.get("/counter");

        assertThat(alice.sessionId()).isNotEqualTo(bob.sessionId());
        assertThat(alice.get("/whoami").body().asString()).isEqualTo("alice");
        assertThat(bob.get("/whoami").body().asString()).isEqualTo("bob");
        assertThat(bob.get("/counter").body().asString()).isEqualTo("1");
    }

    @Test
    void loginKeepsTheUserAndLogoutDeletesTheSessionAndExpiresTheCookie() {
        Visitor visitor = new Visitor();
        assertThat(visitor.get("/whoami").statusCode()).isEqualTo(401);
        visitor.postForm("/login", "user", "alice");
        assertThat(visitor.get("/whoami").body().asString()).isEqualTo("alice");
        String oldId = visitor.sessionId();

        Response logout = visitor.post("/logout");
        assertThat(Visitor.sessionCookies(logout)).containsExactly(
                "session_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax");
        assertThat(visitor.sessionId()).isNull();

        Visitor replaying = new Visitor().withSessionId(oldId);
        assertThat(replaying.get("/whoami").statusCode()).isEqualTo(401);
        assertThat(inspect(oldId, "user")).isEqualTo("<absent>");
    }

    @Test
    void loginRotatesTheIdKeepsTheDataAndKillsTheOldId() {
        Visitor visitor = new Visitor();
        visitor.postJson("/cart/items", "{\"sku\":\"tea\",\"quantity\":2}");
        String before = visitor.sessionId();

        Response login = visitor.postForm("/login", "user", "alice");
        assertThat(Visitor.sessionCookies(login)).singleElement().asString().matches(COOKIE_FORMAT);
        String after = visitor.sessionId();
        assertThat(after).isNotEqualTo(before);

        assertThat(visitor.get("/cart").body().asString()).isEqualTo("{\"items\":[{\"sku\":\"tea\",\"quantity\":2}]}");
        Response later = visitor.get("/whoami");
        assertThat(later.body().asString()).isEqualTo("alice");
        assertThat(Visitor.sessionCookies(later)).isEmpty();

        Visitor attacker = new Visitor().withSessionId(before);
        assertThat(attacker.get("/whoami").statusCode()).isEqualTo(401);
        assertThat(attacker.get("/cart").body().asString()).isEqualTo("{\"items\":[]}");
        assertThat(inspect(before, "cart")).isEqualTo("<absent>");
    }

    @Test
    void deleteRemovesEveryKeyFromTheStore() {
        Visitor visitor = new Visitor();
        visitor.postForm("/login", "user", "alice");
        visitor.postJson("/cart/items", "{\"sku\":\"tea\",\"quantity\":2}");
        String id = visitor.sessionId();
        assertThat(inspect(id, "cart")).isEqualTo("{\"items\":[{\"sku\":\"tea\",\"quantity\":2}]}");

        visitor.post("/logout");

        assertThat(inspect(id, "user")).isEqualTo("<absent>");
        assertThat(inspect(id, "cart")).isEqualTo("<absent>");
    }

    @Test
    void storeHoldsReadableJsonText() {
        Visitor visitor = new Visitor();
        visitor.postForm("/login", "user", "alice");
        assertThat(inspect(visitor.sessionId(), "user")).isEqualTo("\"alice\"");
    }

    @Test
    void storeKeepsSessionsUnderAHashNeverUnderTheCookieValue() {
        Visitor visitor = new Visitor();
        visitor.postForm("/login", "user", "alice");
        assertThat(inspect(visitor.sessionId(), "user")).isEqualTo("\"alice\"");
        String literal = given().queryParam("session", visitor.sessionId()).queryParam("key", "user")
                .queryParam("literal", true).get("/inspect").body().asString();
        assertThat(literal).isEqualTo("<absent>");
    }

    @Test
    void valueOverTheSizeLimitIsRefusedAndNothingIsStored() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=big&type=string", "\"small\"");
        String huge = "\"" + "x".repeat(70_000) + "\"";
        Response response = visitor.putJson("/values?key=big&type=string", huge);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body().asString()).contains("max-value-size=65536");
        assertThat(visitor.get("/values?key=big&type=string").body().asString()).isEqualTo("\"small\"");
    }

    @Test
    void keyPastMaxKeysIsRefusedAndNothingIsStored() {
        Visitor visitor = new Visitor();
        for (int i = 0; i < 100; i++) {
            assertThat(visitor.putJson("/values?key=k" + i + "&type=int", String.valueOf(i)).statusCode()).isEqualTo(204);
        }
        Response refused = visitor.putJson("/values?key=one-too-many&type=int", "1");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body().asString()).contains("max-keys=100");
        assertThat(visitor.get("/values?key=one-too-many&type=int").statusCode()).isEqualTo(404);
        // an existing key can still change
        assertThat(visitor.putJson("/values?key=k7&type=int", "70").statusCode()).isEqualTo(204);
        assertThat(visitor.get("/values?key=k7&type=int").body().asString()).isEqualTo("70");
    }

    @Test
    void keyTheSessionLayerReservesIsAClearBadRequest() {
        Response response = new Visitor().putJson("/values?key=__nova_seen&type=int", "1");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().asString()).contains("reserved");
    }

    @Test
    void responsesThatSetOrExpireTheCookieAreKeptOutOfSharedCaches() {
        Response issued = given().get("/hello");
        assertThat(issued.header("Cache-Control")).isEqualTo("private, no-cache=\"Set-Cookie\"");
        Visitor visitor = new Visitor();
        visitor.get("/hello");
        Response plain = visitor.get("/hello");
        assertThat(plain.header("Cache-Control")).isNull();
        Response logout = visitor.post("/logout");
        assertThat(logout.header("Cache-Control")).isEqualTo("private, no-cache=\"Set-Cookie\"");
    }

    @Test
    void cartOfRecordsRoundTrips() {
        Visitor visitor = new Visitor();
        visitor.postJson("/cart/items", "{\"sku\":\"tea\",\"quantity\":2}");
        visitor.postJson("/cart/items", "{\"sku\":\"cake\",\"quantity\":1}");
        assertThat(visitor.get("/cart").body().asString())
                .isEqualTo("{\"items\":[{\"sku\":\"tea\",\"quantity\":2},{\"sku\":\"cake\",\"quantity\":1}]}");
        visitor.delete("/cart");
        assertThat(visitor.get("/cart").body().asString()).isEqualTo("{\"items\":[]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "string  | \"hello, wörld \\\"quoted\\\"\"",
            "int     | 42",
            "long    | 9007199254740993",
            "double  | 3.25",
            "boolean | true",
            "list    | [1,\"two\",[3],{\"four\":4}]",
            "map     | {\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}",
            "record  | {\"sku\":\"tea\",\"quantity\":2}",
            "pojo    | {\"name\":\"Ada\",\"tags\":[\"math\",\"engines\"]}" })
    void valueOfEveryKindRoundTripsToAnEqualValue(String type, String json) {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=v&type=" + type, json).statusCode()).isEqualTo(204);
        Response read = visitor.get("/values?key=v&type=" + type);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body().asString()).isEqualTo(json);
    }

    @Test
    void setOverwritesAndDeleteKeyRemovesOnlyThatKey() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=a&type=int", "1");
        visitor.putJson("/values?key=a&type=int", "2");
        visitor.putJson("/values?key=b&type=int", "3");
        assertThat(visitor.get("/values?key=a&type=int").body().asString()).isEqualTo("2");

        visitor.delete("/values?key=a");

        assertThat(visitor.get("/values?key=a&type=int").statusCode()).isEqualTo(404);
        assertThat(visitor.get("/values?key=b&type=int").body().asString()).isEqualTo("3");
    }

    @Test
    void storedValueIsACopyNotTheObject() {
        Visitor visitor = new Visitor();
        assertThat(visitor.post("/values/copy-check?key=list").body().asString()).isEqualTo("[\"stored\"]");
    }

    @Test
    void missingKeyAndUnknownSessionReadAsEmpty() {
        Visitor visitor = new Visitor();
        assertThat(visitor.get("/values?key=never-set&type=string").statusCode()).isEqualTo(404);
        Visitor unknown = new Visitor().withSessionId(FORGED_ID);
        assertThat(unknown.get("/values?key=v&type=string").statusCode()).isEqualTo(404);
    }

    @Test
    void forgedWellFormedIdIsNeverAdoptedAndTheWriteGoesToAFreshId() {
        Visitor visitor = new Visitor().withSessionId(FORGED_ID);
        Response response = visitor.putJson("/values?key=k&type=string", "\"mine\"");
        assertThat(Visitor.sessionCookies(response)).singleElement().asString().matches(COOKIE_FORMAT);
        assertThat(visitor.sessionId()).isNotEqualTo(FORGED_ID);
        assertThat(inspect(FORGED_ID, "k")).isEqualTo("<absent>");
        assertThat(inspect(visitor.sessionId(), "k")).isEqualTo("\"mine\"");
    }

    @Test
    void emptyOrMissingKeyIsAClearBadRequest() {
        Visitor visitor = new Visitor();
        Response empty = visitor.putJson("/values?key=&type=int", "1");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body().asString()).contains("Session key must not be empty");
        Response missing = visitor.get("/values?type=int");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body().asString()).contains("Session key must not be null");
        assertThat(visitor.delete("/values?key=").statusCode()).isEqualTo(400);
    }

    @Test
    void nullValueIsAClearBadRequest() {
        Response response = new Visitor().putJson("/values?key=k&type=string", "null");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().asString()).contains("Session value for key 'k' must not be null");
    }

    @Test
    void valueReadAsTheWrongTypeNamesTheKeyAndTheType() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=word&type=string", "\"not a number\"");
        Response response = visitor.get("/values?key=word&type=int");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body().asString()).contains("'word'").contains("java.lang.Integer");
    }

    @Test
    void malformedCookieGetsAFreshSession() {
        Visitor visitor = new Visitor().withSessionId("not-a-session-id");
        Response response = visitor.get("/counter");
        assertThat(Visitor.sessionCookies(response)).singleElement().asString().matches(COOKIE_FORMAT);
        assertThat(visitor.sessionId()).isNotEqualTo("not-a-session-id");
        assertThat(response.body().asString()).isEqualTo("1");
    }

    @Test
    void badCartInputIsABadRequestNotAServerError() {
        Visitor visitor = new Visitor();
        assertThat(visitor.postJson("/cart/items", "{\"sku\":\"\",\"quantity\":0}").statusCode()).isEqualTo(400);
        assertThat(visitor.postJson("/cart/items", "{not json").statusCode()).isEqualTo(400);
        assertThat(visitor.postForm("/login", "user", "").statusCode()).isEqualTo(400);
    }

    // ---- issue 10: one cookie, one session ----

    @Test
    void parallelFirstWritesAfterAnUntouchedPageAllLandInTheCookiesSession() {
        // GET /hello never touches the session: the cookie it gives holds nothing yet
        Script script = Script.withCookieFrom("/hello");
        String cookieA = script.sessionId();
        List<CompletableFuture<Script.Reply>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writes.add(script.putJsonAsync("/values?key=k" + i + "&type=int", String.valueOf(i)));
        }
        List<Script.Reply> replies = Script.awaitAll(writes);

        assertThat(replies).extracting(Script.Reply::status).as("statuses of the 8 parallel writes")
                .containsExactly(204, 204, 204, 204, 204, 204, 204, 204);
        List<String> keysUnderA = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            if (inspect(cookieA, "k" + i).equals(String.valueOf(i))) {
                keysUnderA.add("k" + i);
            }
        }
        assertThat(keysUnderA).as("keys found under cookie A (the writes answered %d Set-Cookie)",
                script.cookiesSeen().size()).hasSize(8);
        assertThat(script.cookiesSeen()).as("Set-Cookie answered to the parallel writes with cookie A").isEmpty();
        for (int i = 0; i < 8; i++) {
            assertThat(script.get("/values?key=k" + i + "&type=int").body()).isEqualTo(String.valueOf(i));
        }
        assertThat(script.get("/inspect/current").body()).isEqualTo(cookieA);
        assertThat(script.cookiesSeen()).isEmpty();
    }

    @Test
    void readOnlyVisitorKeepsItsCookieAcrossRequests() {
        Visitor visitor = new Visitor();
        visitor.get("/hello");
        String cookieA = visitor.sessionId();
        List<String> cookiesSet = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Response read = visitor.get("/values?key=never-set&type=string");
            assertThat(read.statusCode()).isEqualTo(404);
            cookiesSet.addAll(Visitor.sessionCookies(read));
            Response whoami = visitor.get("/whoami");
            assertThat(whoami.statusCode()).isEqualTo(401);
            cookiesSet.addAll(Visitor.sessionCookies(whoami));
            cookiesSet.addAll(Visitor.sessionCookies(visitor.get("/cart")));
        }
        assertThat(cookiesSet).as("Set-Cookie answered to 12 reads").isEmpty();
        assertThat(visitor.sessionId()).isEqualTo(cookieA);
        assertThat(visitor.get("/inspect/current").body().asString()).isEqualTo(cookieA);
    }

    @Test
    void scriptThatNeverUpdatesItsCookieKeepsOneSession() {
        Script script = Script.withCookieFrom("/hello");
        String cookieA = script.sessionId();
        assertThat(script.get("/values?key=note&type=string").status()).isEqualTo(404);
        assertThat(script.get("/counter").body()).isEqualTo("1");
        assertThat(script.get("/counter").body()).isEqualTo("2");
        assertThat(script.putJson("/values?key=note&type=string", "\"kept\"").status()).isEqualTo(204);
        assertThat(script.get("/counter").body()).isEqualTo("3");
        assertThat(script.get("/values?key=note&type=string").body()).isEqualTo("\"kept\"");
        assertThat(script.get("/inspect/current").body()).isEqualTo(cookieA);
        assertThat(script.cookiesSeen()).as("Set-Cookie answered to a script that kept cookie A").isEmpty();
        assertThat(inspect(cookieA, "note")).isEqualTo("\"kept\"");
        assertThat(inspect(cookieA, "visits")).isEqualTo("3");
    }

    @Test
    void slowWriteRacingLogoutFailsWith409AndTheOldIdStaysDead() {
        Visitor visitor = new Visitor();
        visitor.postForm("/login", "user", "alice");
        String oldId = visitor.sessionId();
        // another tab of the same browser: read the session, then write 1.5 s later
        CompletableFuture<Script.Reply> slow = Script.withSessionId(oldId)
                .putJsonAsync("/values/slow?key=late&type=string&delayMs=1500", "\"too late\"");
        awaitSlowWriteSleeping("late");
        assertThat(visitor.post("/logout").statusCode()).isEqualTo(200);
        Script.Reply slowReply = Script.await(slow);

        assertThat(slowReply.status()).as("status of the slow write that read before the logout").isEqualTo(409);
        assertThat(slowReply.body()).doesNotContain("\tat ").doesNotContain(".java:");
        assertThat(inspect(oldId, "late")).isEqualTo("<absent>");
        assertThat(inspect(oldId, "user")).isEqualTo("<absent>");
        for (String issued : slowReply.sessionIds()) {
            assertThat(inspect(issued, "late")).as("key under the id the 409 issued").isEqualTo("<absent>");
        }
        assertOldIdGetsAFreshIdAndNoData(oldId, "late");
    }

    @Test
    void slowWriteRacingLoginRotationFailsWith409AndTheOldIdStaysDead() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=before&type=string", "\"kept\"");
        String oldId = visitor.sessionId();
        CompletableFuture<Script.Reply> slow = Script.withSessionId(oldId)
                .putJsonAsync("/values/slow?key=late&type=string&delayMs=1500", "\"too late\"");
        awaitSlowWriteSleeping("late");
        assertThat(visitor.postForm("/login", "user", "alice").statusCode()).isEqualTo(200);
        String newId = visitor.sessionId();
        assertThat(newId).isNotEqualTo(oldId);
        Script.Reply slowReply = Script.await(slow);

        assertThat(slowReply.status()).as("status of the slow write that read before the rotation").isEqualTo(409);
        assertThat(inspect(oldId, "late")).isEqualTo("<absent>");
        assertThat(inspect(newId, "late")).isEqualTo("<absent>");
        for (String issued : slowReply.sessionIds()) {
            assertThat(inspect(issued, "late")).as("key under the id the 409 issued").isEqualTo("<absent>");
        }
        // the rotated session is whole, under the new id only
        assertThat(inspect(newId, "before")).isEqualTo("\"kept\"");
        assertThat(inspect(oldId, "before")).isEqualTo("<absent>");
        assertThat(visitor.get("/whoami").body().asString()).isEqualTo("alice");
        assertOldIdGetsAFreshIdAndNoData(oldId, "before");
    }

    /**
     * What the shared stores must give back: the very text the session layer wrote, which is what Jackson writes for
     * the value read from this JSON (so each case is written here as Jackson writes it).
     */
    static Stream<Arguments> exactValues() {
        return Stream.of(
                arguments("decimal", "19.90"),
                arguments("decimal", "100.00"),
                arguments("decimal", "0.050"),
                arguments("double", "1.0"),
                arguments("double", "100.0"),
                arguments("object", "1.0"),
                arguments("list", "[1.0,19.9,100.0,{\"price\":1.0}]"),
                arguments("map", "{\"total\":100.0,\"ratio\":1.0,\"lines\":[1.0,2.5],\"nested\":{\"x\":1.0}}"),
                arguments("object", "{\"amounts\":[1.0,0.1,3.0E-5],\"flag\":true,\"none\":null}"),
                arguments("long", "9007199254740993"),
                arguments("list", "[9007199254740993,-9223372036854775808,9223372036854775807]"),
                arguments("map", "{\"id\":9007199254740993,\"big\":123456789012345678901234567890}"),
                arguments("string",
                        "\"caf\u00e9 \u4e2d\u6587 \ud83d\ude00 \u2028 \\\"q\\\" \\\\ \\n\\t\\r \\u0001 </script>\""),
                arguments("map",
                        "{\"\u043a\u043b\u044e\u0447\":\"\u5024\",\"a\\\"b\":\"\\\\\",\"\ud83d\ude00\":[\"\\u001F\"]}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("exactValues")
    void valueComesBackByteForByteFromTheStoreAndTheSession(String type, String json) {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=v&type=" + type, json).statusCode()).isEqualTo(204);
        assertThat(inspect(visitor.sessionId(), "v")).as("what the store holds").isEqualTo(json);
        Response read = visitor.get("/values?key=v&type=" + type);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body().asString()).as("what the session reads back").isEqualTo(json);
    }

    @Test
    void keyLongerThanMaxKeyLengthIsRefusedWith413AndNothingIsStored() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=before&type=string", "\"kept\"");
        String longest = "k".repeat(256);
        String tooLong = "k".repeat(257);
        assertThat(visitor.putJson("/values?key=" + longest + "&type=int", "1").statusCode()).isEqualTo(204);

        Response refused = visitor.putJson("/values?key=" + tooLong + "&type=int", "2");

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body().asString()).contains("max-key-length=256");
        assertThat(inspect(visitor.sessionId(), tooLong)).isEqualTo("<absent>");
        assertThat(inspect(visitor.sessionId(), longest)).isEqualTo("1");
        assertThat(visitor.get("/values?key=before&type=string").body().asString()).isEqualTo("\"kept\"");
    }

    @Test
    void fiftyThousandAndOneCharacterKeyIsRefusedAndTheSessionStaysReadable() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=before&type=string", "\"kept\"");
        String id = visitor.sessionId();

        Response refused = visitor.putJson("/values/generated-key?length=50001&type=string", "\"under a huge key\"");

        assertThat(refused.statusCode()).isEqualTo(413);
        String body = refused.body().asString();
        assertThat(body).contains("max-key-length=256").doesNotContain("kkkkkkkkkk").doesNotContain("\tat ");
        Response read = visitor.get("/values?key=before&type=string");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body().asString()).isEqualTo("\"kept\"");
        assertThat(Visitor.sessionCookies(read)).isEmpty();
        assertThat(visitor.putJson("/values?key=after&type=string", "\"still writable\"").statusCode()).isEqualTo(204);
        assertThat(visitor.get("/values?key=after&type=string").body().asString()).isEqualTo("\"still writable\"");
        assertThat(visitor.sessionId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/errors/limit", "/errors/limit/reactive", "/errors/limit/route", "/errors/limit/vertx" })
    void breachedLimitIsAnswered413NamingTheLimitFromEveryKindOfEndpoint(String path) {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=before&type=string", "\"kept\"");

        Response response = visitor.post(path);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body().asString()).contains("max-value-size=65536").doesNotContain("\tat ")
                .doesNotContain(".java:");
        assertThat(inspect(visitor.sessionId(), "too-big")).isEqualTo("<absent>");
        assertThat(visitor.get("/values?key=before&type=string").body().asString()).isEqualTo("\"kept\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/errors/ended", "/errors/ended/reactive", "/errors/ended/route", "/errors/ended/vertx" })
    void writeAfterTheSessionEndedElsewhereIsAnswered409FromEveryKindOfEndpoint(String path) {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=before&type=string", "\"kept\"");
        String id = visitor.sessionId();

        Response response = visitor.post(path);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body().asString()).doesNotContain("\tat ").doesNotContain(".java:");
        assertThat(inspect(id, "after-end")).isEqualTo("<absent>");
        assertThat(inspect(id, "before")).isEqualTo("<absent>");
        assertOldIdGetsAFreshIdAndNoData(id, "before");
    }

    @Test
    void logoutWithAnIdThatHoldsNothingFiresNoEventAndWritesNothing() {
        Script free = Script.withCookieFrom("/hello");
        String freeKey = SessionIds.storeKey(free.sessionId());

        assertThat(free.post("/logout").status()).isEqualTo(200);

        assertThat(sessionEvents()).as("events naming the free id's key").filteredOn(event -> event.contains(freeKey))
                .isEmpty();
        assertThat(inspect(free.sessionId(), "__nova_seen")).isEqualTo("<absent>");
        // the same logout of a session that exists is seen, so the silence above is not a deaf observer
        Visitor visitor = new Visitor();
        visitor.postForm("/login", "user", "alice");
        String key = SessionIds.storeKey(visitor.sessionId());
        visitor.post("/logout");
        assertThat(sessionEvents()).filteredOn(event -> event.contains(key))
                .containsExactly("created " + key, "destroyed " + key + " DELETED");
    }

    /**
     * A dead id presented again, by a client that sends it whatever it is answered: each request gets one fresh id and
     * cookie, and none sees the dead session's data.
     */
    private void assertOldIdGetsAFreshIdAndNoData(String oldId, String key) {
        Script replay = Script.withSessionId(oldId);
        Script.Reply again = replay.get("/values?key=" + key + "&type=string");
        assertThat(again.status()).as("read with the dead id").isEqualTo(404);
        assertThat(again.sessionCookies()).singleElement().asString().matches(COOKIE_FORMAT);
        assertThat(again.sessionIds()).singleElement().isNotEqualTo(oldId);
        assertThat(replay.get("/whoami").status()).isEqualTo(401);
    }

    private static void awaitSlowWriteSleeping(String key) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!given().queryParam("key", key).get("/values/slow/sleeping").body().asString().equals("true")) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The slow write of '" + key + "' never started sleeping");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> sessionEvents() {
        return given().get("/inspect/session-events").as(new TypeRef<List<String>>() {
        });
    }

    /**
     * @return what the store holds under a session's key, as the store holds it
     */
    protected String inspect(String sessionId, String key) {
        return given().queryParam("session", sessionId).queryParam("key", key).get("/inspect").body().asString();
    }
}
