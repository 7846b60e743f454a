package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class BlockingApiOnEventLoopTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(SlowStore.class);

    @BeforeEach
    void clearCalls() {
        RecordingStore.CALLS.clear();
    }

    @Test
    void blockingGetOnEventLoopFailsAtOnceAndPointsAtReactiveApi() {
        Response response = given().get("/blocking/get/k");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body().asString())
                .startsWith("IllegalStateException: NovaSession blocks")
                .contains("io.quarkiverse.novasession.ReactiveNovaSession");
        assertThat(RecordingStore.CALLS).isEmpty();
    }

    @Test
    void blockingSetOnEventLoopFailsWithoutWriting() {
        Response response = given().get("/blocking/set/k?value=v");
        assertThat(response.body().asString()).startsWith("IllegalStateException: NovaSession blocks");
        assertThat(RecordingStore.CALLS).isEmpty();
    }

    @Test
    void idNeedsNoStoreAndWorksOnEventLoop() {
        Response response = given().get("/blocking/id");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().asString()).hasSize(54);
    }

    @Test
    void reactiveApiWorksOnEventLoopWithTheSameStore() {
        String id = given().get("/set/k?value=v").body().asString();
        assertThat(given().cookie("session_id", id).get("/get/k").body().asString()).isEqualTo("v");
    }
}
