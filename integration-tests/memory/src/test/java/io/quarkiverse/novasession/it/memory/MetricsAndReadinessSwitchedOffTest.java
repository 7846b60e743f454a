package io.quarkiverse.novasession.it.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.PrometheusScrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code quarkus.nova-session.metrics.enabled=false} and {@code health.enabled=false} in an application that has
 * Micrometer and SmallRye Health: sessions work, and neither a session meter nor the store's check shows.
 */
@QuarkusTest
@TestProfile(MetricsAndReadinessSwitchedOffTest.SwitchedOff.class)
class MetricsAndReadinessSwitchedOffTest {

    public static class SwitchedOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.nova-session.metrics.enabled", "false", "quarkus.nova-session.health.enabled",
                    "false");
        }
    }

    @Test
    void sessionsWorkWithoutAnySessionMeterOrStoreCheck() {
        String id = given().body("grace").post("/ops/set?key=user").cookie("session_id");
        assertThat(given().cookie("session_id", id).get("/ops/get?key=user").asString()).isEqualTo("grace");

        PrometheusScrape metrics = PrometheusScrape.now();
        assertThat(metrics.text()).contains("jvm_");
        assertThat(metrics.startingWith("nova_")).isEmpty();
        String ready = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).doesNotContain("Nova session store");
    }
}
