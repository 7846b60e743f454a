package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class LazySessionCreationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class, "quarkus.nova-session.create=lazy");

    @BeforeEach
    void clearCalls() {
        RecordingStore.CALLS.clear();
    }

    @Test
    void visitorWhoOnlyReadsGetsNoCookieNoIdAndCostsTheStoreNothing() {
        Response read = given().get("/get/k");
        assertThat(read.body().asString()).isEqualTo("<none>");
        Response id = given().get("/id");
        assertThat(id.body().asString()).isEqualTo("null");
        Response plain = given().get("/nothing");
        for (Response response : new Response[] { read, id, plain }) {
            assertThat(response.headers().getValues("Set-Cookie")).isEmpty();
        }
        assertThat(RecordingStore.CALLS).isEmpty();
    }

    @Test
    void firstWriteIssuesTheIdAndTheCookieAndLaterRequestsUseIt() {
        Response write = given().get("/set/k?value=v");
        String id = write.body().asString();
        assertThat(write.headers().getValues("Set-Cookie"))
                .containsExactly("session_id=" + id + "; Path=/; HttpOnly; SameSite=Lax");
        String storeKey = SessionIds.storeKey(id);
        assertThat(RecordingStore.CALLS).containsExactly("get " + storeKey + " __nova_seen",
                "set " + storeKey + " __nova_seen", "set " + storeKey + " k", "set " + storeKey + " __nova_keys");

        Response read = given().cookie("session_id", id).get("/get/k");
        assertThat(read.body().asString()).isEqualTo("v");
        assertThat(read.headers().getValues("Set-Cookie")).isEmpty();
    }
}
