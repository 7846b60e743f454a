package io.quarkiverse.novasession.it.infinispan;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.Visitor;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
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
        visitor.putJson("/values?key=a&type=int", "1");
        long before = total();
        visitor.putJson("/values?key=b&type=int", "2");
        assertThat(total() - before).isLessThanOrEqualTo(2);
    }

    @Test
    void deletingASessionIsOneCallWhateverItsSize() {
        Visitor small = new Visitor();
        small.putJson("/values?key=k0&type=int", "0");
        Visitor large = new Visitor();
        for (int i = 0; i < 50; i++) {
            large.putJson("/values?key=k" + i + "&type=int", String.valueOf(i));
        }
        long before = total();
        small.post("/logout");
        long smallCost = total() - before;
        before = total();
        large.post("/logout");
        long largeCost = total() - before;
        assertThat(smallCost).isEqualTo(1);
        assertThat(largeCost).isEqualTo(1);
    }

    private static long total() {
        Map<String, Long> calls = given().get("/inspect/hotrod-calls").as(new TypeRef<Map<String, Long>>() {
        });
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }
}
