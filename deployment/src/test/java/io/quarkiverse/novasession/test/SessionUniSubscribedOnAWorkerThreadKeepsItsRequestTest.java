package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.Router;

/**
 * A session Uni belongs to the request that made it, wherever it is subscribed: here on a worker thread of Mutiny's
 * pool, which carries no Vert.x context and no request of its own.
 */
class SessionUniSubscribedOnAWorkerThreadKeepsItsRequestTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(WorkerRoutes.class));

    @Test
    void aReadAndAWriteSubscribedOnAWorkerThreadUseTheRequestsSession() {
        Response first = given().get("/worker/count");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body().asString()).isEqualTo("1");
        String id = first.cookie("session_id");

        // a client that keeps its first cookie: every request the same session, no new id
        for (int expected = 2; expected <= 4; expected++) {
            Response next = given().cookie("session_id", id).get("/worker/count");
            assertThat(next.body().asString()).isEqualTo(String.valueOf(expected));
            assertThat(next.cookie("session_id")).isNull();
        }
    }

    @Singleton
    public static class WorkerRoutes {

        @Inject
        ReactiveNovaSession session;

        void routes(@Observes Router router) {
            router.get("/worker/count").handler(ctx -> {
                // made on the event loop, subscribed on a worker thread
                var read = session.get("count", Integer.class).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                read.chain(count -> {
                    int next = count.orElse(0) + 1;
                    return session.set("count", next).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .replaceWith(next);
                }).subscribe().with(next -> ctx.end(String.valueOf(next)),
                        failure -> ctx.response().setStatusCode(500).end(failure.toString()));
            });
        }
    }
}
