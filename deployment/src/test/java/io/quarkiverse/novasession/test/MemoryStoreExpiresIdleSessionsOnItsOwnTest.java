package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

class MemoryStoreExpiresIdleSessionsOnItsOwnTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routesWithEvents("quarkus.nova-session.idle-timeout=1S",
            "quarkus.nova-session.touch-interval=100MS");

    @Test
    void sessionNobodyComesBackForLeavesTheMemoryAndFiresExpiredOnItsOwn() throws InterruptedException {
        SessionEventLog.clear();
        String id = given().get("/set/user?value=dave").body().asString();
        String storeKey = SessionIds.storeKey(id);
        MemoryNovaSessionStore store = Arc.container().instance(MemoryNovaSessionStore.class).get();
        assertThat(store.size()).isEqualTo(1);

        // no request at all from here: Caffeine's own scheduler expires the session
        SessionEventLog.await("expired " + storeKey, Duration.ofSeconds(10));

        assertThat(store.size()).isZero();
        assertThat(SessionEventLog.SYNC).containsExactly("created " + storeKey, "expired " + storeKey);
        SessionEventLog.awaitAsync(2, Duration.ofSeconds(5));
        assertThat(SessionEventLog.ASYNC).containsExactlyInAnyOrder("created " + storeKey, "expired " + storeKey);
    }
}
