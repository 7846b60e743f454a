package io.quarkiverse.novasession.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the session layer shows to operators: metrics and the readiness check, each fixed when the application is
 * built.
 */
@ConfigMapping(prefix = "quarkus.nova-session")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface NovaSessionOperationsConfig {

    /**
     * Session metrics.
     */
    MetricsConfig metrics();

    /**
     * The session store's readiness check.
     */
    HealthConfig health();

    /**
     * Session metrics.
     */
    interface MetricsConfig {

        /**
         * Whether the session layer publishes its meters ({@code nova.sessions.created}, {@code nova.sessions.ended},
         * {@code nova.sessions.rejected}, {@code nova.sessions.active}, {@code nova.sessions.store.calls}) when the
         * application has a Micrometer extension ({@code quarkus-micrometer}, usually through a registry such as
         * {@code quarkus-micrometer-registry-prometheus}). Without Micrometer there are no meters whatever this says,
         * and nothing of them is in the application.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /**
     * The session store's readiness check.
     */
    interface HealthConfig {

        /**
         * Whether the application's readiness ({@code /q/health/ready}) includes the session store, when the
         * application has {@code quarkus-smallrye-health}. For a store outside the process (Infinispan, a custom
         * store) the check is DOWN while the store does not answer within {@code quarkus.nova-session.store-timeout},
         * and UP again once it does; the memory store is always UP, with its session count.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
