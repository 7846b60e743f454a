package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Spring Security's check-then-act lets simultaneous logins all pass {@code maximumSessions}; here the limit is applied
 * in the store's atomic update of the principal index.
 */
class ConcurrentLoginsKeepExactlyTheLimitTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints("quarkus.nova-session.auth.max-sessions-per-principal=3");

    @Test
    void twentySimultaneousLoginsLeaveExactlyThreeLiveSessions() throws Exception {
        List<Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            visitors.add(Visitor.fresh());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> logins = new ArrayList<>();
        for (Visitor visitor : visitors) {
            logins.add(pool.submit(() -> {
                start.await();
                return visitor.login("frank", "user").statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> login : logins) {
            assertThat(login.get()).isEqualTo(200);
        }
        pool.shutdown();

        int authenticated = 0;
        for (Visitor visitor : visitors) {
            if (visitor.request().get("/auth/me").statusCode() == 200) {
                authenticated++;
            }
        }
        assertThat(authenticated).isEqualTo(3);
        String listed = Visitor.fresh().request().get("/auth/sessions?user=frank").body().asString();
        assertThat(listed.split("\n")).hasSize(3);
    }

    @Test
    void aFourthLoginEndsTheOldestSession() {
        Visitor first = Visitor.fresh();
        first.login("grace", "user");
        Visitor second = Visitor.fresh();
        second.login("grace", "user");
        Visitor third = Visitor.fresh();
        third.login("grace", "user");
        Visitor fourth = Visitor.fresh();
        fourth.login("grace", "user");
        assertThat(first.request().get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(second.request().get("/auth/me").statusCode()).isEqualTo(200);
        assertThat(third.request().get("/auth/me").statusCode()).isEqualTo(200);
        assertThat(fourth.request().get("/auth/me").statusCode()).isEqualTo(200);
    }
}
