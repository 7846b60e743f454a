package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanCluster;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The store's readiness check against the real cluster: UP while it answers; DOWN at once when both nodes are stopped
 * (connections refused) and after the store timeout (3 s here) when they are frozen (nothing answers), without holding
 * up requests that do not need the store; UP again once the nodes are back, without restarting the application.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
class StoreReadinessFollowsTheClusterTest {

    @Test
    void downWhileTheClusterIsStoppedAndUpAgainOnceItIsBack() throws Exception {
        Map<String, Object> up = sessionCheck(200);
        assertThat(up.get("status")).isEqualTo("UP");
        System.out.println("[readiness] cluster up: " + given().get("/q/health/ready").asString());

        InfinispanCluster cluster = InfinispanCluster.locate();
        cluster.stop(1, 2);
        try {
            long start = System.nanoTime();
            // a readiness probe and a request that needs no session, at the same time: the probe waits for the store,
            // the request does not wait for the probe
            CompletableFuture<Response> probe = CompletableFuture.supplyAsync(() -> given().get("/q/health/ready"));
            Response hello = given().get("/ops/hello");
            long helloMillis = (System.nanoTime() - start) / 1_000_000;
            Response ready = probe.get();
            long probeMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(hello.asString()).isEqualTo("hello");
            assertThat(helloMillis).isLessThan(1_000);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(probeMillis).isLessThan(5_000);
            System.out.println("[readiness] cluster stopped, answered in " + probeMillis + " ms: " + ready.asString());
            Map<String, Object> down = check(ready);
            assertThat(down.get("status")).isEqualTo("DOWN");
            assertThat(data(down).get("store")).isEqualTo("infinispan");
            assertThat((String) data(down).get("reason")).isNotBlank();
        } finally {
            cluster.start(1, 2);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response ready = given().get("/q/health/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            ready = given().get("/q/health/ready");
        }
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(check(ready).get("status")).isEqualTo("UP");
        System.out.println("[readiness] cluster started again: " + ready.asString());
        // and sessions work again
        Response created = given().body("frank").post("/ops/set?key=user");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(given().cookie("session_id", created.cookie("session_id")).get("/ops/get?key=user").asString())
                .isEqualTo("frank");
    }

    @Test
    void downAfterTheStoreTimeoutWhileTheClusterIsFrozenAndUpWhenItThaws() throws Exception {
        assertThat(sessionCheck(200).get("status")).isEqualTo("UP");
        InfinispanCluster cluster = InfinispanCluster.locate();
        signalNodes(cluster, "-STOP");
        Response ready;
        long probeMillis;
        try {
            long start = System.nanoTime();
            ready = given().get("/q/health/ready");
            probeMillis = (System.nanoTime() - start) / 1_000_000;
        } finally {
            signalNodes(cluster, "-CONT");
        }
        System.out.println("[readiness] cluster frozen, answered in " + probeMillis + " ms: " + ready.asString());
        // connections stay open and nothing answers: the store timeout (3 s) is what ends the probe
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(probeMillis).isBetween(2_500L, 6_000L);
        Map<String, Object> down = check(ready);
        assertThat(down.get("status")).isEqualTo("DOWN");
        assertThat((String) data(down).get("reason")).contains("did not answer within PT3S");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response again = given().get("/q/health/ready");
        while (again.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            again = given().get("/q/health/ready");
        }
        assertThat(check(again).get("status")).isEqualTo("UP");
    }

    /**
     * Sends a signal to both Infinispan nodes, by the PIDs the cluster script recorded.
     */
    private static void signalNodes(InfinispanCluster cluster, String signal) throws Exception {
        for (int node = 1; node <= 2; node++) {
            Path pidFile = cluster.projectRoot()
                    .resolve("integration-tests/infinispan-server/target/ispn/node" + node + ".pid");
            String pid = Files.readString(pidFile).trim();
            int rc = new ProcessBuilder("kill", signal, pid).inheritIO().start().waitFor();
            assertThat(rc).as("kill " + signal + " " + pid).isZero();
        }
    }

    private static Map<String, Object> sessionCheck(int status) {
        return check(given().get("/q/health/ready").then().statusCode(status).extract().response());
    }

    private static Map<String, Object> check(Response response) {
        List<Map<String, Object>> checks = response.jsonPath().getList("checks");
        return checks.stream().filter(c -> "Nova session store".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no Nova session store check in " + response.asString()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }
}
