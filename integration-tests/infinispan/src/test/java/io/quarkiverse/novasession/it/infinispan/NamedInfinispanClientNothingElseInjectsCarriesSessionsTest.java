package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.common.mapper.TypeRef;

/**
 * {@code quarkus.nova-session.infinispan.client-name} names a client that no bean of the application injects: the
 * Infinispan extension creates it only because the build asked for it, and the sessions live in it. The default
 * client has no hosts here, and the application's counting replacement of the default client
 * ({@link CountingClientProducer}) sees no call: the store talks to the named client only.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
@TestProfile(NamedInfinispanClientNothingElseInjectsCarriesSessionsTest.NamedClient.class)
class NamedInfinispanClientNothingElseInjectsCarriesSessionsTest {

    public static class NamedClient implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.nova-session.infinispan.client-name", "sessions",
                    "quarkus.infinispan-client.sessions.hosts", "127.0.0.1:11222;127.0.0.1:11322",
                    "quarkus.infinispan-client.sessions.username", "admin",
                    "quarkus.infinispan-client.sessions.password", "password",
                    "quarkus.infinispan-client.sessions.devservices.enabled", "false",
                    // the default client configured nowhere: a store that used it could not reach the cluster
                    "quarkus.infinispan-client.hosts", "",
                    "quarkus.infinispan-client.username", "",
                    "quarkus.infinispan-client.password", "");
        }
    }

    @Test
    void sessionValuesLiveInTheNamedClientsCluster() {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=k&type=int", "41").statusCode()).isEqualTo(204);
        assertThat(visitor.putJson("/values?key=k&type=int", "42").statusCode()).isEqualTo(204);
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("42");
        // another visitor, another session
        assertThat(new Visitor().get("/values?key=k&type=int").statusCode()).isEqualTo(404);
    }

    @Test
    void defaultClientIsNeverCalled() {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=k&type=int", "1").statusCode()).isEqualTo(204);
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("1");
        Map<String, Long> defaultClientCalls = given().get("/inspect/hotrod-calls").then().statusCode(200).extract()
                .as(new TypeRef<Map<String, Long>>() {
                });
        assertThat(defaultClientCalls).isEmpty();
    }
}
