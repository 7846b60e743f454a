package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class SessionDeletedInFirstRequestTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routes();

    @Test
    void newVisitorWhoseSessionIsDeletedGetsOnlyTheExpiringCookie() {
        Response response = given().get("/delete-session");
        assertThat(response.headers().getValues("Set-Cookie")).containsExactly(
                "session_id=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax");
    }

    @Test
    void deletedSessionReadsEmptyWithTheOldCookie() {
        String id = given().get("/set/k?value=v").body().asString();
        given().cookie("session_id", id).get("/delete-session");
        Response after = given().cookie("session_id", id).get("/get/k");
        assertThat(after.body().asString()).isEqualTo("<none>");
    }
}
