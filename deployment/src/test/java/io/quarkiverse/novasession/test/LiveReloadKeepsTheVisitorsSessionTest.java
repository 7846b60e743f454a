package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Dev mode, memory store, no configured id keys: a source change restarts the application, and the visitor's cookie
 * still names the same session with the same value, because the generated signing key and the memory store's sessions
 * are kept across the live reload.
 */
class LiveReloadKeepsTheVisitorsSessionTest {

    static final int PORT = FreePort.find();

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(ReloadableRoutes.class, FreePort.class)
                    .addAsResource(new StringAsset("quarkus.http.port=" + PORT), "application.properties"));

    @BeforeEach
    void onTheApplicationsPort() {
        RestAssured.port = PORT;
    }

    @Test
    void aSessionWrittenBeforeASourceChangeIsReadAfterIt() {
        Response set = given().get("/reloadable/set?value=three-books");
        assertThat(set.body().asString()).isEqualTo("v1");
        String id = set.cookie("session_id");
        assertThat(id).isNotNull();
        assertThat(given().cookie("session_id", id).get("/reloadable/get").body().asString())
                .isEqualTo("three-books@v1");

        TEST.modifySourceFile(ReloadableRoutes.class, source -> source.replace("\"v1\"", "\"v2\""));

        Response after = given().cookie("session_id", id).get("/reloadable/get");
        // the new version answers: the application was restarted
        assertThat(after.body().asString()).isEqualTo("three-books@v2");
        // the cookie is still valid: no replacement id was issued
        assertThat(after.headers().getValues("Set-Cookie")).isEmpty();

        // and the restarted application goes on writing to that same session
        assertThat(given().cookie("session_id", id).get("/reloadable/set?value=four-books").body().asString())
                .isEqualTo("v2");
        assertThat(given().cookie("session_id", id).get("/reloadable/get").body().asString())
                .isEqualTo("four-books@v2");
    }
}
