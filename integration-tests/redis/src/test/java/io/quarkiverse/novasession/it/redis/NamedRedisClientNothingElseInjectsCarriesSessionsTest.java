package io.quarkiverse.novasession.it.redis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.common.mapper.TypeRef;

/**
 * {@code quarkus.nova-session.redis.client-name} names a client that no bean of the application injects: the Redis
 * extension creates it only because the build asked for it, and the sessions live in it. The default client points
 * at a port where nothing listens, and the application's counting replacement of it ({@code CountingRedisProducer})
 * sees no call: the store talks to the named client only.
 */
@QuarkusTest
@QuarkusTestResource(value = NamedRedisClientNothingElseInjectsCarriesSessionsTest.NamedClientServer.class, restrictToAnnotatedClass = true)
@TestProfile(NamedRedisClientNothingElseInjectsCarriesSessionsTest.NamedClient.class)
class NamedRedisClientNothingElseInjectsCarriesSessionsTest {

    public static class NamedClient implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.nova-session.redis.client-name", "sessions",
                    "quarkus.nova-session.redis.key-prefix", "nova-named:");
        }
    }

    public static class NamedClientServer implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            RedisServers.startStandalone();
            return Map.of("quarkus.redis.sessions.hosts", RedisServers.standaloneHosts(),
                    // the default client configured to reach nothing: a store that used it could not work
                    "quarkus.redis.hosts", "redis://127.0.0.1:1",
                    "quarkus.redis.devservices.enabled", "false");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void sessionValuesLiveInTheNamedClientsRedis() {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=k&type=int", "41").statusCode()).isEqualTo(204);
        assertThat(visitor.putJson("/values?key=k&type=int", "42").statusCode()).isEqualTo(204);
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("42");
        assertThat(new Visitor().get("/values?key=k&type=int").statusCode()).isEqualTo(404);
        String hash = "nova-named:{" + SessionIds.storeKey(visitor.sessionId()) + "}:s";
        assertThat(RedisServers.cli(RedisServers.STANDALONE_PORT, "HGET", hash, "k")).isEqualTo("42");
    }

    @Test
    void defaultClientIsNeverCalled() {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=k&type=int", "1").statusCode()).isEqualTo(204);
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("1");
        Map<String, Long> defaultClientCalls = given().get("/inspect/redis-calls").then().statusCode(200).extract()
                .as(new TypeRef<Map<String, Long>>() {
                });
        assertThat(defaultClientCalls).isEmpty();
    }
}
