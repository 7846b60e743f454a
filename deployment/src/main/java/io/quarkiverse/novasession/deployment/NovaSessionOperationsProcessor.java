package io.quarkiverse.novasession.deployment;

import java.util.Optional;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/**
 * Session metrics and the store's readiness check, each only in an application that has the extension it needs. Both
 * classes are named by string: an application without Micrometer or SmallRye Health never loads them.
 */
class NovaSessionOperationsProcessor {

    static final String MICROMETER_METRICS = "io.quarkiverse.novasession.runtime.metrics.MicrometerSessionMetrics";
    static final String READINESS_CHECK = "io.quarkiverse.novasession.runtime.health.NovaSessionReadinessCheck";

    /**
     * The Micrometer meters, when the application has a Micrometer extension. The metrics extension announces itself
     * through {@link MetricsCapabilityBuildItem}, absent without one.
     */
    @BuildStep
    void metrics(NovaSessionBuildTimeConfig sessions, NovaSessionOperationsConfig config,
            Optional<MetricsCapabilityBuildItem> metrics, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (sessions.enabled() && config.metrics().enabled() && metrics.isPresent()
                && metrics.get().metricsSupported(MetricsFactory.MICROMETER)) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(MICROMETER_METRICS).setUnremovable().build());
        }
    }

    /**
     * The readiness check; the health extension, when present, makes it a bean if enabled, and ignores it otherwise.
     * With sessions disabled there is no store to check.
     */
    @BuildStep
    HealthBuildItem readiness(NovaSessionBuildTimeConfig sessions, NovaSessionOperationsConfig config) {
        return new HealthBuildItem(READINESS_CHECK, sessions.enabled() && config.health().enabled());
    }
}
