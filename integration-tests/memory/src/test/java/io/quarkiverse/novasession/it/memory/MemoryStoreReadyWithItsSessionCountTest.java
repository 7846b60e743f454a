package io.quarkiverse.novasession.it.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code /q/health/ready} includes the memory store: always UP, with the number of live sessions it holds.
 */
@QuarkusTest
class MemoryStoreReadyWithItsSessionCountTest {

    @Test
    void readyWithTheStoresLiveSessionCount() {
        long held = sessionsInStore();
        assertThat(sessionsInCheck()).isEqualTo(held);

        String id = given().body("carol").post("/ops/set?key=user").cookie("session_id");
        assertThat(sessionsInCheck()).isEqualTo(held + 1);

        given().cookie("session_id", id).post("/ops/logout").then().statusCode(200);
        assertThat(sessionsInCheck()).isEqualTo(held);
    }

    private static long sessionsInStore() {
        return Long.parseLong(given().get("/inspect/memory-sessions").then().statusCode(200).extract().asString());
    }

    private static long sessionsInCheck() {
        List<Map<String, Object>> checks = given().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP")).extract().jsonPath().getList("checks");
        Map<String, Object> check = checks.stream().filter(c -> "Nova session store".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Nova session store check in " + checks));
        assertThat(check.get("status")).isEqualTo("UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) check.get("data");
        assertThat(data.get("store")).isEqualTo("memory");
        return ((Number) data.get("sessions")).longValue();
    }
}
