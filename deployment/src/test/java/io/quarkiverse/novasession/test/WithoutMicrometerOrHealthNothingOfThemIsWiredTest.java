package io.quarkiverse.novasession.test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.runtime.metrics.SessionMetrics;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * An application without Micrometer and without SmallRye Health (this module's test class path has neither): it starts
 * and serves sessions, and neither the Micrometer meters nor the readiness check are beans, nor loadable at all.
 */
class WithoutMicrometerOrHealthNothingOfThemIsWiredTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.routes();

    @Test
    void sessionsWorkAndNoMetricsOrHealthClassIsWired() {
        Response first = given().get("/set/k?value=v");
        assertThat(first.statusCode()).isEqualTo(200);
        String id = first.cookie("session_id");
        assertThat(given().cookie("session_id", id).get("/get/k").body().asString()).isEqualTo("v");

        assertThat(Arc.container().select(SessionMetrics.class).isUnsatisfied()).isTrue();
        assertThat(Arc.container().beanManager().getBeans(Object.class).stream()
                .map(bean -> bean.getBeanClass().getName()))
                .doesNotContain("io.quarkiverse.novasession.runtime.metrics.MicrometerSessionMetrics",
                        "io.quarkiverse.novasession.runtime.health.NovaSessionReadinessCheck");
        assertThat(loadable("io.micrometer.core.instrument.MeterRegistry")).isFalse();
        assertThat(loadable("org.eclipse.microprofile.health.HealthCheck")).isFalse();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return false;
        }
    }
}
