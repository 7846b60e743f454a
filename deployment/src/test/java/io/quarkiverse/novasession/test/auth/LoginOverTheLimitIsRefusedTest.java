package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

class LoginOverTheLimitIsRefusedTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints("quarkus.nova-session.auth.max-sessions-per-principal=2",
            "quarkus.nova-session.auth.on-max-sessions=refuse");

    @Test
    void theLoginOverTheLimitIsAnswered403AndLogsNothingIn() {
        Visitor first = Visitor.fresh();
        first.login("heidi", "user");
        Visitor second = Visitor.fresh();
        second.login("heidi", "user");
        Visitor third = Visitor.fresh();
        Response refused = third.login("heidi", "user");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body().asString()).isEqualTo("'heidi' is already logged in with 2 sessions, the most "
                + "quarkus.nova-session.auth.max-sessions-per-principal allows");
        assertThat(third.request().get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(first.request().get("/auth/me").statusCode()).isEqualTo(200);
        assertThat(second.request().get("/auth/me").statusCode()).isEqualTo(200);

        // room again once one logs out
        first.request().post("/auth/logout");
        assertThat(third.login("heidi", "user").statusCode()).isEqualTo(200);
        assertThat(third.request().get("/auth/me").statusCode()).isEqualTo(200);
    }
}
