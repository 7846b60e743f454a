package io.quarkiverse.novasession.it.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.CallCounts;
import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;

/**
 * Counts the Redis round trips each kind of request makes, through the application's counting client
 * ({@code CountingRedisProducer}). Requests run one at a time, so the difference of the counters before and after a
 * request is that request's cost.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisStandaloneResource.class, restrictToAnnotatedClass = true)
class RedisCallsPerRequestTest {

    /**
     * Every script once, so that the server knows them all: a script it does not know yet costs one more round trip,
     * once per server (or after a restart), which is not what a request costs.
     */
    @BeforeEach
    void serverKnowsTheScripts() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=k&type=int", "1");
        visitor.get("/values?key=k&type=int");
        visitor.postForm("/login", "user", "warm");
        visitor.post("/logout");
    }

    @Test
    void requestThatNeverTouchesItsSessionMakesNoRoundTrip() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=k&type=int", "1");
        long before = total();
        assertThat(visitor.get("/hello").body().asString()).isEqualTo("hello");
        assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
        assertThat(new Visitor().get("/hello").statusCode()).isEqualTo(200);
        assertThat(total() - before).isZero();
    }

    @Test
    void readIsOneRoundTrip() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=k&type=int", "1");
        Map<String, Long> before = calls();
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("1");
        assertThat(madeSince(before)).isEqualTo(Map.of("EVALSHA", 1L));
    }

    @Test
    void readThenWriteIsTwoRoundTrips() {
        Visitor visitor = new Visitor();
        visitor.get("/counter");
        Map<String, Long> before = calls();
        assertThat(visitor.get("/counter").body().asString()).isEqualTo("2");
        assertThat(madeSince(before)).isEqualTo(Map.of("EVALSHA", 2L));
    }

    @Test
    void blindWriteToALiveSessionIsAtMostTwoRoundTrips() {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=a&type=int", "1").statusCode()).isEqualTo(204);
        Map<String, Long> before = calls();
        assertThat(visitor.putJson("/values?key=b&type=int", "2").statusCode()).isEqualTo(204);
        Map<String, Long> made = madeSince(before);
        System.out.println("[redis-calls] blind write of a new key to a live session: " + made);
        assertThat(made.keySet()).containsOnly("EVALSHA");
        assertThat(made.get("EVALSHA")).isBetween(1L, 2L);
        assertThat(visitor.get("/values?key=b&type=int").body().asString()).isEqualTo("2");
    }

    @Test
    void firstWriteOfANewVisitorIsOneRoundTrip() {
        Visitor visitor = new Visitor();
        Map<String, Long> before = calls();
        assertThat(visitor.putJson("/values?key=a&type=int", "1").statusCode()).isEqualTo(204);
        Map<String, Long> made = madeSince(before);
        System.out.println("[redis-calls] first write of a new visitor: " + made);
        assertThat(made).isEqualTo(Map.of("EVALSHA", 1L));
    }

    @Test
    void deletingASessionIsOneRoundTripWhateverItsSize() {
        Visitor small = new Visitor();
        small.putJson("/values?key=k0&type=int", "0");
        Visitor large = new Visitor();
        for (int i = 0; i < 50; i++) {
            large.putJson("/values?key=k" + i + "&type=int", String.valueOf(i));
        }
        Map<String, Long> before = calls();
        assertThat(small.post("/logout").statusCode()).isEqualTo(200);
        assertThat(madeSince(before)).isEqualTo(Map.of("EVALSHA", 1L));
        before = calls();
        assertThat(large.post("/logout").statusCode()).isEqualTo(200);
        assertThat(madeSince(before)).isEqualTo(Map.of("EVALSHA", 1L));
    }

    @Test
    void loginWithItsRotationStaysWithinSixRoundTrips() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=cart&type=int", "3");
        Map<String, Long> before = calls();
        assertThat(visitor.postForm("/login", "user", "alice").statusCode()).isEqualTo(200);
        Map<String, Long> made = madeSince(before);
        System.out.println("[redis-calls] login with rotation: " + made);
        // the move itself is two scripts and a DEL (RedisStoreContractTest counts it exactly); the rest is the
        // session layer's reads and writes around it
        assertThat(made.get("DEL")).isEqualTo(1L);
        assertThat(made.values().stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(6);
        assertThat(visitor.get("/values?key=cart&type=int").body().asString()).isEqualTo("3");
    }

    @Test
    void logoutOfAFreeIdWritesNothing() {
        Visitor visitor = new Visitor();
        assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
        String storeKey = SessionIds.storeKey(visitor.sessionId());
        int keys = storeSize();
        Map<String, Long> before = calls();
        assertThat(visitor.post("/logout").statusCode()).isEqualTo(200);
        // one script, which finds no session and so writes nothing
        assertThat(madeSince(before)).isEqualTo(Map.of("EVALSHA", 1L));
        assertThat(storeSize()).isEqualTo(keys);
        assertThat(given().get("/inspect/session-events").as(new TypeRef<List<String>>() {
        })).noneMatch(event -> event.contains(storeKey));
    }

    private static long total() {
        return calls().values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> calls() {
        return given().get("/inspect/redis-calls").as(new TypeRef<Map<String, Long>>() {
        });
    }

    /**
     * @return the round trips of each command made since {@code before}, leaving out the commands not sent
     */
    private static Map<String, Long> madeSince(Map<String, Long> before) {
        return CallCounts.since(before, calls());
    }

    private static int storeSize() {
        return Integer.parseInt(given().get("/inspect/store-size").body().asString());
    }
}
