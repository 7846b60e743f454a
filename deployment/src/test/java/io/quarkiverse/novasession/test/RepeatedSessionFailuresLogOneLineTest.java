package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.vertx.ext.web.Router;

/**
 * A client that breaks a limit on every request must not cost the log a line, let alone a stack trace, per request.
 */
class RepeatedSessionFailuresLogOneLineTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(FailingRoutes.class)
                    .addAsResource(new StringAsset("quarkus.nova-session.max-value-size=16"), "application.properties"))
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(records -> {
                assertThat(records).hasSize(1);
                assertThat(records.get(0).getThrown()).isNull();
                assertThat(records.get(0).getMessage()).startsWith("1 session writes refused for a limit")
                        .contains("max-value-size=16");
            });

    @Test
    void fiftyOversizedWritesAnswer413AndLogOneLineWithoutStackTrace() {
        for (int i = 0; i < 50; i++) {
            Response response = given().get("/big");
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.contentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.body().asString()).startsWith("Session value for key 'big' is ")
                    .contains("max-value-size=16").doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Singleton
    public static class FailingRoutes {

        @Inject
        ReactiveNovaSession session;

        void routes(@Observes Router router) {
            router.get("/big").handler(ctx -> session.set("big", "x".repeat(100))
                    .subscribe().with(done -> ctx.end("stored"), ctx::fail));
        }
    }
}
