package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

class CustomStoreChosenByClassNameTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class);

    @Inject
    RecordingStore store;

    @Test
    void everySessionOperationReachesTheChosenStore() {
        RecordingStore.CALLS.clear();
        String id = given().get("/set/colour?value=blue").body().asString();
        String value = given().cookie("session_id", id).get("/get/colour").body().asString();
        given().cookie("session_id", id).get("/delete-session");

        assertThat(value).isEqualTo("blue");
        String storeKey = SessionIds.storeKey(id);
        assertThat(storeKey).isNotEqualTo(id);
        // a store of Nova's four operations: the first write checks that the session is new, then starts its
        // last-seen clock and its key list (kept because the store cannot rename); the read checks the clock and the
        // key list with the value; the delete checks that there is a session to end
        String seen = "__nova_seen";
        assertThat(RecordingStore.CALLS).containsExactly("get " + storeKey + " " + seen, "set " + storeKey + " " + seen,
                "set " + storeKey + " colour", "set " + storeKey + " __nova_keys",
                "get " + storeKey + " " + seen, "get " + storeKey + " __nova_keys", "get " + storeKey + " colour",
                "get " + storeKey + " " + seen, "delete " + storeKey);
    }

    @Test
    void storeWithoutBeanAnnotationBecomesAnApplicationScopedBeanWithInjection() {
        assertThat(store.namingInjected()).isTrue();
        assertThat(Arc.container().instance(RecordingStore.class).getBean().getScope().getSimpleName())
                .isEqualTo("ApplicationScoped");
    }

    @Test
    void builtInMemoryStoreIsNotInTheApplication() {
        assertThat(Arc.container().instance(MemoryNovaSessionStore.class).isAvailable()).isFalse();
    }
}
