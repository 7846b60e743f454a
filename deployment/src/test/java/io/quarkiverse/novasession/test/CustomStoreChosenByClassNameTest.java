package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.arc.Arc;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.quarkiverse.novasession.runtime.SessionIds;
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
        // the first write starts the last-seen clock; the read checks it; neither the value nor the clock is more
        assertThat(RecordingStore.CALLS).containsExactly("set " + storeKey + " __nova_seen", "set " + storeKey + " colour",
                "get " + storeKey + " __nova_seen", "get " + storeKey + " colour", "delete " + storeKey);
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
