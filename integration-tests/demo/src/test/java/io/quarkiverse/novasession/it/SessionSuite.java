package io.quarkiverse.novasession.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThat(response.body().asString()).contains("max-value-size=65536").contains("nothing was stored");
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
        assertThat(refused.body().asString()).contains("'one-too-many'").contains("max-keys=100")
                .contains("Nothing was stored");
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

    /**
     * @return what the store holds under a session's key, as the store holds it
     */
    protected String inspect(String sessionId, String key) {
        return given().queryParam("session", sessionId).queryParam("key", key).get("/inspect").body().asString();
    }
}
