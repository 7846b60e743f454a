package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class BlockingApiOnEventLoopWithMemoryStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routes();

    @Test
    void memoryStoreNeverBlocksSoTheBlockingApiWorksOnEventLoop() {
        String id = given().get("/blocking/set/k?value=v").body().asString();
        assertThat(id).hasSize(54);
        assertThat(given().cookie("session_id", id).get("/blocking/get/k").body().asString()).isEqualTo("v");
    }
}
