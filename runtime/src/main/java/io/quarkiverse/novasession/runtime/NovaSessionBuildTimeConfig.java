package io.quarkiverse.novasession.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time choices of the session layer: whether sessions exist at all, which store keeps them, which client the
 * Infinispan and Redis stores talk through, and whether sessions carry authentication.
 */
@ConfigMapping(prefix = "quarkus.nova-session")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface NovaSessionBuildTimeConfig {

    /**
     * Whether every request gets a session. When false, no session filter is installed,
     * no response carries a session cookie, and the {@code NovaSession} and {@code ReactiveNovaSession} beans stay
     * injectable but throw {@code SessionIdNotSetException}.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The store that keeps session data, chosen at build time: only that store
     * becomes a bean, and an application on the memory store carries no Infinispan or Redis dependency:
     * <ul>
     * <li>{@code memory}: an in-process cache, bounded by {@code memory.max-sessions}; one instance, nothing survives a
     * restart;</li>
     * <li>{@code infinispan}: a remote Infinispan cluster through {@code quarkus-infinispan-client}, shared by every
     * instance of the application;</li>
     * <li>{@code redis}: Redis, standalone or a Redis Cluster, through {@code quarkus-redis-client}, shared by every
     * instance of the application;</li>
     * <li>the fully qualified name of an application class implementing
     * {@code io.quarkiverse.novasession.NovaSessionStore}. It becomes an {@code @ApplicationScoped} bean if it carries
     * no bean annotation, so it can inject what it needs.</li>
     * </ul>
     */
    @WithDefault("memory")
    String manager();

    /**
     * Build-time settings of the Infinispan store.
     */
    InfinispanBuildTimeConfig infinispan();

    /**
     * Authentication on sessions.
     */
    AuthBuildTimeConfig auth();

    /**
     * Build-time settings of authentication on sessions.
     */
    interface AuthBuildTimeConfig {

        /**
         * Whether sessions carry Quarkus Security identities: {@code NovaSessionLogin},
         * {@code ReactiveNovaSessionLogin} and {@code NovaSessionRegistry} become injectable, and an HTTP
         * authentication mechanism with the scheme {@code nova-session} authenticates every request whose session
         * was logged in. Needs a Quarkus Security extension in the application ({@code quarkus-security}, or one that
         * brings it, such as {@code quarkus-elytron-security-properties-file} or {@code quarkus-security-jpa}). When
         * false, nothing of it is in the application.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Form login.
         */
        FormBuildTimeConfig form();

        /**
         * Build-time settings of form login.
         */
        interface FormBuildTimeConfig {

            /**
             * Whether a form posted to {@code quarkus.nova-session.auth.form.post-location} logs the visitor in, checked
             * by the application's identity providers for user names and passwords, and whether browsers asking for a
             * protected page are redirected to the login page. Needs {@code quarkus.nova-session.auth.enabled=true}.
             */
            @WithDefault("false")
            boolean enabled();
        }
    }

    /**
     * Build-time settings of the Infinispan store: what the Quarkus Infinispan client must know when the application
     * is built.
     */
    interface InfinispanBuildTimeConfig {

        /**
         * The Quarkus Infinispan client to use, by name ({@code quarkus.infinispan-client."name".*}). Unset, the default
         * client. Fixed at build time: the Infinispan extension creates only the clients asked for when the
         * application is built, and the store asks for this one, so no other bean has to inject it.
         */
        Optional<String> clientName();
    }

    /**
     * Build-time settings of the Redis store.
     */
    RedisBuildTimeConfig redis();

    /**
     * Build-time settings of the Redis store: what the Quarkus Redis client must know when the application is built.
     */
    interface RedisBuildTimeConfig {

        /**
         * The Quarkus Redis client to use, by name ({@code quarkus.redis."name".*}). Unset, the default client
         * ({@code quarkus.redis.*}). Fixed at build time: the Redis extension creates only the clients asked for when
         * the application is built, and the store asks for this one, so no other bean has to inject it.
         */
        Optional<String> clientName();
    }
}
