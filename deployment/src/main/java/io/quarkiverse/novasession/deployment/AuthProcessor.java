package io.quarkiverse.novasession.deployment;

import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.SessionAccess;
import io.quarkiverse.novasession.runtime.auth.AuthStartupCheck;
import io.quarkiverse.novasession.runtime.auth.BlockingSessionLogins;
import io.quarkiverse.novasession.runtime.auth.NovaSessionAuthenticationMechanism;
import io.quarkiverse.novasession.runtime.auth.NovaSessionIdentityProvider;
import io.quarkiverse.novasession.runtime.auth.PrincipalRegistry;
import io.quarkiverse.novasession.runtime.auth.SessionLogins;
import io.quarkiverse.novasession.runtime.auth.SessionRegistry;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Authentication on sessions, only with {@code quarkus.nova-session.auth.enabled=true}: the login and registry beans,
 * the {@code nova-session} mechanism and its identity provider. Without it, none of these classes is a bean and the
 * application is as if the feature did not exist.
 */
class AuthProcessor {

    @BuildStep
    void authBeans(NovaSessionBuildTimeConfig config, Capabilities capabilities,
            BuildProducer<AdditionalBeanBuildItem> beans, BuildProducer<ReflectiveClassBuildItem> reflection) {
        if (!config.auth().enabled()) {
            if (config.auth().form().enabled()) {
                throw new ConfigurationException("quarkus.nova-session.auth.form.enabled=true needs "
                        + "quarkus.nova-session.auth.enabled=true");
            }
            return;
        }
        if (!config.enabled()) {
            throw new ConfigurationException("quarkus.nova-session.auth.enabled=true needs sessions: remove "
                    + "quarkus.nova-session.enabled=false");
        }
        if (!capabilities.isPresent(Capability.SECURITY)) {
            throw new ConfigurationException("quarkus.nova-session.auth.enabled=true needs Quarkus Security in the "
                    + "application: add io.quarkus:quarkus-security, or an extension that brings it (such as "
                    + "quarkus-elytron-security-properties-file or quarkus-security-jpa)");
        }
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(SessionAccess.class, PrincipalRegistry.class, SessionLogins.class,
                        BlockingSessionLogins.class, SessionRegistry.class, NovaSessionAuthenticationMechanism.class,
                        NovaSessionIdentityProvider.class, AuthStartupCheck.class)
                .setUnremovable()
                .build());
        // kept in the session as JSON by Jackson
        reflection.produce(ReflectiveClassBuildItem.builder("io.quarkiverse.novasession.runtime.auth.SessionIdentity")
                .constructors().methods().fields().build());
    }
}
