package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.CallCounts;
import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;

/**
 * Counts the Hot Rod calls each kind of request makes. Requests run one at a time, so the difference of the store's
 * counters before and after a request is that request's cost.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
class HotRodCallsPerRequestTest {

    @Test
    void requestThatNeverTouchesItsSessionMakesNoHotRodCall() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=k&type=int", "1");
        long before = total();
        assertThat(visitor.get("/hello").body().asString()).isEqualTo("hello");
        assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
        assertThat(new Visitor().get("/hello").statusCode()).isEqualTo(200);
        assertThat(total() - before).isZero();
    }

    @Test
    void getIsOneCall() {
        Visitor visitor = new Visitor();
        visitor.putJson("/values?key=k&type=int", "1");
        long before = total();
        assertThat(visitor.get("/values?key=k&type=int").body().asString()).isEqualTo("1");
        assertThat(total() - before).isEqualTo(1);
    }

    @Test
    void readThenWriteCostsOneCallEach() {
        Visitor visitor = new Visitor();
        visitor.get("/counter");
        long before = total();
        assertThat(visitor.get("/counter").body().asString()).isEqualTo("2");
        assertThat(total() - before).isEqualTo(2);
    }

    @Test
    void blindSetIsAReadAndAConditionalWrite() {
        Visitor visitor = new Visitor();
        assertThat(visitor.putJson("/values?key=a&type=int", "1").statusCode()).isEqualTo(204);
        Map<String, Long> before = calls();
        assertThat(visitor.putJson("/values?key=b&type=int", "2").statusCode()).isEqualTo(204);
        // the read brings the version the write is conditional on
        assertThat(madeSince(before)).isEqualTo(Map.of("GET_WITH_METADATA", 1L, "REPLACE_WITH_VERSION", 1L));
        assertThat(visitor.get("/values?key=b&type=int").body().asString()).isEqualTo("2");
    }

    @Test
    void firstWriteOfANewVisitorIsOnePutIfAbsent() {
        Visitor visitor = new Visitor();
        Map<String, Long> before = calls();
        assertThat(visitor.putJson("/values?key=a&type=int", "1").statusCode()).isEqualTo(204);
        // nothing can be stored under an id this request made: the create goes first, no read before it
        assertThat(madeSince(before)).isEqualTo(Map.of("PUT_IF_ABSENT", 1L));
        assertThat(visitor.get("/values?key=a&type=int").body().asString()).isEqualTo("1");
    }

    @Test
    void firstWriteOfAnIdTheBrowserGotFromAnEarlierRequestIsItsCheckAndOnePutIfAbsent() {
        Visitor visitor = new Visitor();
        assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
        String id = visitor.sessionId();
        assertThat(id).isNotNull();
        Map<String, Long> before = calls();
        assertThat(visitor.putJson("/values?key=a&type=int", "1").statusCode()).isEqualTo(204);
        // the check finds the id free; the create needs no second read of what the check just found absent
        assertThat(madeSince(before)).isEqualTo(Map.of("GET_WITH_METADATA", 1L, "PUT_IF_ABSENT", 1L));
        assertThat(visitor.sessionId()).isEqualTo(id);
        assertThat(visitor.get("/values?key=a&type=int").body().asString()).isEqualTo("1");
    }

    @Test
    void deletingASessionIsOneCallWhateverItsSize() throws InterruptedException {
        Visitor small = new Visitor();
        small.putJson("/values?key=k0&type=int", "0");
        Visitor large = new Visitor();
        for (int i = 0; i < 50; i++) {
            large.putJson("/values?key=k" + i + "&type=int", String.valueOf(i));
        }
        Map<String, Long> before = calls();
        assertThat(small.post("/logout").statusCode()).isEqualTo(200);
        assertThat(madeSince(before)).isEqualTo(Map.of("REPLACE", 1L));
        before = calls();
        assertThat(large.post("/logout").statusCode()).isEqualTo(200);
        assertThat(madeSince(before)).isEqualTo(Map.of("REPLACE", 1L));
        // and nothing later: the end markers expire in the cluster, no timer of this instance removes them
        before = calls();
        Thread.sleep(3_000);
        assertThat(madeSince(before)).isEmpty();
    }

    @Test
    void logoutOfAFreeIdWritesNothing() {
        Visitor visitor = new Visitor();
        assertThat(visitor.get("/hello").statusCode()).isEqualTo(200);
        String storeKey = SessionIds.storeKey(visitor.sessionId());
        int entries = storeSize();
        Map<String, Long> before = calls();
        assertThat(visitor.post("/logout").statusCode()).isEqualTo(200);
        // one replace-if-present, which finds nothing and so writes nothing
        assertThat(madeSince(before)).isEqualTo(Map.of("REPLACE", 1L));
        assertThat(storeSize()).isEqualTo(entries);
        assertThat(given().get("/inspect/session-events").as(new TypeRef<List<String>>() {
        })).noneMatch(event -> event.contains(storeKey));
    }

    private static long total() {
        return calls().values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> calls() {
        return given().get("/inspect/hotrod-calls").as(new TypeRef<Map<String, Long>>() {
        });
    }

    /**
     * @return the calls of each kind made since {@code before}, leaving out the kinds not made
     */
    private static Map<String, Long> madeSince(Map<String, Long> before) {
        return CallCounts.since(before, calls());
    }

    private static int storeSize() {
        return Integer.parseInt(given().get("/inspect/store-size").body().asString());
    }
}
