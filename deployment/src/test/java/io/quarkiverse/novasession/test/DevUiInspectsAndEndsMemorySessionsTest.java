package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.RestAssured;

/**
 * The Dev UI's JSON-RPC methods, called over the Dev UI's own channel in dev mode, on the memory store: the effective
 * settings, a visitor's session listed by store key with its keys and value sizes, its values on demand, the
 * lifecycle events, and the "end" button, after which the visitor's cookie names no session.
 */
class DevUiInspectsAndEndsMemorySessionsTest extends DevUIJsonRPCTest {

    static final int PORT = FreePort.find();

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(ReloadableRoutes.class, FreePort.class)
                    .addAsResource(new StringAsset("quarkus.http.port=" + PORT), "application.properties"));

    @BeforeEach
    void onTheApplicationsPort() {
        RestAssured.port = PORT;
        uri = URI.create("http://localhost:" + PORT + "/q/dev-ui/json-rpc-ws");
    }

    DevUiInspectsAndEndsMemorySessionsTest() {
        super("quarkus-nova-session");
    }

    @Test
    void settingsSessionsValuesEventsAndEnd() throws Exception {
        JsonNode settings = executeJsonRPCMethod("getSettings");
        assertThat(settings.get("store").asText()).isEqualTo("memory");
        assertThat(settings.get("create").asText()).isEqualTo("eager");
        assertThat(settings.get("idKeys").asText()).isEqualTo("generated");
        assertThat(settings.get("idleTimeout").asText()).isEqualTo("PT30M");
        assertThat(settings.get("listsSessions").asBoolean()).isTrue();
        assertThat(settings.get("cookie").get("name").asText()).isEqualTo("session_id");
        assertThat(settings.get("cookie").get("httpOnly").asBoolean()).isTrue();

        String id = given().get("/reloadable/set?value=three-books").cookie("session_id");
        String storeKey = SessionIds.storeKey(id);

        List<JsonNode> listed = new ArrayList<>();
        executeJsonRPCMethod("getSessions").forEach(listed::add);
        assertThat(listed).hasSize(1);
        JsonNode session = listed.get(0);
        assertThat(session.get("storeKey").asText()).isEqualTo(storeKey);
        assertThat(session.get("storeKeyPrefix").asText()).isEqualTo(storeKey.substring(0, 8));
        assertThat(session.get("keys").get(0).get("key").asText()).isEqualTo("cart");
        // the JSON text "three-books", quotes included
        assertThat(session.get("keys").get(0).get("size").asInt()).isEqualTo(13);
        assertThat(session.get("created").asText()).isNotBlank();
        assertThat(session.get("lastSeen").asText()).isNotBlank();
        assertThat(executeJsonRPCMethod("countSessions").asLong()).isEqualTo(1);
        // never the id itself
        assertThat(executeJsonRPCMethod("getSessions").toString()).doesNotContain(id);

        JsonNode values = executeJsonRPCMethod("getSession", Map.of("storeKey", storeKey));
        assertThat(values.get("found").asBoolean()).isTrue();
        assertThat(values.get("values").get("cart").asText()).isEqualTo("\"three-books\"");
        assertThat(executeJsonRPCMethod("getSession", Map.of("storeKey", "no-such-key")).get("found").asBoolean())
                .isFalse();

        assertThat(executeJsonRPCMethod("endSession", Map.of("storeKey", storeKey)).asBoolean()).isTrue();
        assertThat(executeJsonRPCMethod("endSession", Map.of("storeKey", storeKey)).asBoolean()).isFalse();
        assertThat(executeJsonRPCMethod("getSessions")).isEmpty();
        assertThat(given().cookie("session_id", id).get("/reloadable/get").body().asString()).isEqualTo("<none>@v1");

        List<String> events = new ArrayList<>();
        executeJsonRPCMethod("getRecentEvents").forEach(event -> events.add(event.get("type").asText() + ":"
                + event.path("cause").asText("") + ":" + event.get("storeKey").asText()));
        assertThat(events).containsSubsequence("created::" + storeKey, "destroyed:deleted:" + storeKey);
    }
}
