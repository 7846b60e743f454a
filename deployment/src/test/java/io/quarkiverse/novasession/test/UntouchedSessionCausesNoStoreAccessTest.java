package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class UntouchedSessionCausesNoStoreAccessTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class);

    @Test
    void requestsThatNeverUseTheirSessionNeverReachTheStore() {
        RecordingStore.CALLS.clear();
        String id = given().get("/id").body().asString();
        given().get("/nothing").then().statusCode(200);
        given().cookie("session_id", id).get("/nothing").then().statusCode(200);
        given().cookie("session_id", id).get("/id").then().statusCode(200);
        assertThat(RecordingStore.CALLS).isEmpty();
    }
}
