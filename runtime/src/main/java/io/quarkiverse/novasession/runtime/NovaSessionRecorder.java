package io.quarkiverse.novasession.runtime;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSameSite;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSecure;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Builds the session filter at run time, around the store chosen at build time.
 */
@Recorder
public class NovaSessionRecorder {

    private static final Logger LOG = Logger.getLogger(NovaSessionRecorder.class);

    private final RuntimeValue<NovaSessionConfig> config;

    public NovaSessionRecorder(RuntimeValue<NovaSessionConfig> config) {
        this.config = config;
    }

    /**
     * @param storeClassName the store class selected at build time, a bean of the application
     * @param sharedStore whether several instances share the store (the built-in shared ones keep the id key)
     * @param storeRenames whether the store implements {@link NovaSessionStore#renameSession}
     */
    public Handler<RoutingContext> sessionFilter(String storeClassName, boolean sharedStore, boolean storeRenames) {
        NovaSessionConfig settings = config.getValue();
        CookieConfig cookie = settings.cookie();
        if (cookie.sameSite() == CookieSameSite.NONE && cookie.secure() == CookieSecure.NEVER) {
            LOG.warn("quarkus.nova-session.cookie.same-site=none with cookie.secure=never: browsers drop such cookies,"
                    + " so no visitor will keep a session");
        }
        checkSettings(settings);
        NovaSessionStore store = lookUpStore(storeClassName);
        StoreCalls calls = new StoreCalls(store, settings.storeTimeout());
        IdSigning ids = signing(settings, store, calls, storeClassName, sharedStore);
        SessionRuntime runtime = new SessionRuntime(calls, ids, Arc.container().instance(SessionEvents.class).get(),
                settings, storeRenames);
        return new NovaSessionFilter(runtime, new SessionCookieReader(cookie.name(), ids), new SessionCookieWriter(cookie));
    }

    private static void checkSettings(NovaSessionConfig settings) {
        if (settings.idleTimeout().isNegative() || settings.idleTimeout().isZero()
                || settings.absoluteTimeout().isNegative() || settings.absoluteTimeout().isZero()) {
            throw new ConfigurationException("quarkus.nova-session.idle-timeout and absolute-timeout must be positive");
        }
        if (settings.touchInterval().compareTo(settings.idleTimeout()) >= 0) {
            throw new ConfigurationException("quarkus.nova-session.touch-interval (" + settings.touchInterval()
                    + ") must be shorter than idle-timeout (" + settings.idleTimeout() + "), or an active session would"
                    + " expire between two refreshes of its last-seen time");
        }
        if (settings.maxKeys() < 1 || settings.maxValueSize() < 1 || settings.maxKeyLength() < 1) {
            throw new ConfigurationException(
                    "quarkus.nova-session.max-keys, max-value-size and max-key-length must be at least 1");
        }
    }

    private static IdSigning signing(NovaSessionConfig settings, NovaSessionStore store, StoreCalls calls,
            String storeClassName, boolean sharedStore) {
        if (settings.idKeys().isPresent() && !settings.idKeys().get().isEmpty()) {
            try {
                return IdSigning.of(new SessionIdSigner(settings.idKeys().get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(e.getMessage());
            }
        }
        // a Uni does nothing until subscribed: asking whether the store keeps a key costs nothing
        if (store.sharedIdKey(IdSigning.newSecret()) == null) {
            if (sharedStore) {
                throw new ConfigurationException("quarkus.nova-session.id-keys is not set and the store "
                        + storeClassName + " keeps no shared id key: set quarkus.nova-session.id-keys to the same "
                        + "secrets (at least 32 characters each) on every instance");
            }
            if (!storeClassName.endsWith(".MemoryNovaSessionStore")) {
                LOG.warn("quarkus.nova-session.id-keys is not set: session ids are signed with a random key of this "
                        + "instance only. If several instances share the store " + storeClassName
                        + ", set the same quarkus.nova-session.id-keys on all of them");
            }
            return IdSigning.of(SessionIdSigner.withRandomKey());
        }
        IdSigning shared = IdSigning.sharedThroughStore(generated -> calls.call(() -> store.sharedIdKey(generated)));
        awaitReady(shared, settings.storeTimeout());
        return shared;
    }

    /**
     * Gives the first requests a signer if the store answers within the store timeout; otherwise the application starts
     * all the same and session requests answer 503 until the store is back.
     */
    private static void awaitReady(IdSigning signing, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (signing.signer() == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static NovaSessionStore lookUpStore(String storeClassName) {
        try {
            Class<?> storeClass = Class.forName(storeClassName, true, Thread.currentThread().getContextClassLoader());
            return (NovaSessionStore) Arc.container().instance(storeClass).get();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Session store class " + storeClassName + " is missing at run time", e);
        }
    }
}
