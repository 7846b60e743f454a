package io.quarkiverse.novasession.test;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The test applications the scenarios run: {@link SessionRoutes} on a given store, and applications whose native
 * registrations a test reads.
 */
final class TestApps {

    private TestApps() {
    }

    /**
     * @return the routes on the default memory store, default settings
     */
    static QuarkusUnitTest routes() {
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar.addClasses(TestApps.class, SessionRoutes.class));
    }

    /**
     * @return the routes on the default memory store, with {@link SessionEventLog} observing the lifecycle events
     */
    static QuarkusUnitTest routesWithEvents(String... properties) {
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar
                .addClasses(TestApps.class, SessionRoutes.class, SessionEventLog.class)
                .addAsResource(new StringAsset(String.join("\n", properties)), "application.properties"));
    }

    /**
     * @return the routes behind a proxy that forwards the protocol with {@code X-Forwarded-Proto}, Quarkus trusting
     *         forwarded headers from {@code trustedProxy} only
     */
    static QuarkusUnitTest behindProxy(String trustedProxy) {
        String config = "quarkus.http.proxy.proxy-address-forwarding=true\n"
                + "quarkus.http.proxy.allow-x-forwarded=true\n"
                + "quarkus.http.proxy.trusted-proxies=" + trustedProxy + "\n";
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar.addClasses(TestApps.class, SessionRoutes.class)
                .addAsResource(new StringAsset(config), "application.properties"));
    }

    /**
     * @return the routes on {@link RecordingStore} (or a subclass), chosen by class name
     */
    static QuarkusUnitTest onStore(Class<? extends RecordingStore> store, String... properties) {
        String config = "quarkus.nova-session.manager=" + store.getName() + "\n" + String.join("\n", properties);
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar
                        .addClasses(TestApps.class, SessionRoutes.class, RecordingStore.class, store, StoreNaming.class,
                                SessionEventLog.class)
                        .addAsResource(new StringAsset(config), "application.properties"));
    }

    /**
     * @return the routes on {@link WriteRecordingMemoryStore}, chosen by class name, with {@code extraClasses}
     */
    static QuarkusUnitTest onWriteRecordingStore(Class<?>[] extraClasses, String... properties) {
        String config = "quarkus.nova-session.manager=" + WriteRecordingMemoryStore.class.getName() + "\n"
                + String.join("\n", properties);
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar
                        .addClasses(TestApps.class, SessionRoutes.class, WriteRecordingMemoryStore.class,
                                SessionEventLog.class)
                        .addClasses(extraClasses)
                        .addAsResource(new StringAsset(config), "application.properties"));
    }

    /**
     * @return {@link FailurePropagatingEndpoints} (every kind of endpoint, none catching) on {@link FailingStore}, with
     *         {@code max-value-size=16} and {@code properties}
     */
    static QuarkusUnitTest failurePropagatingEndpoints(String... properties) {
        String config = "quarkus.nova-session.manager=" + FailingStore.class.getName() + "\n"
                + "quarkus.nova-session.max-value-size=16\n" + String.join("\n", properties);
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar
                .addClasses(TestApps.class, SessionRoutes.class, RecordingStore.class, FailingStore.class,
                        FailingStore.Mode.class, SlowStore.class, StoreNaming.class, FailurePropagatingEndpoints.class,
                        FailurePropagatingEndpoints.Rest.class, FailurePropagatingEndpoints.Routes.class)
                .addAsResource(new StringAsset(config), "application.properties"));
    }

    /**
     * @param prefix where {@link NativeRegistrations} records what the build registered, one prefix per test class
     * @param properties the application's configuration, e.g. {@code quarkus.native.enabled=true}: the build then
     *        runs as a native build up to the image builder's configuration; no image is made
     * @return an application of {@code classes}
     */
    static QuarkusUnitTest recordingNativeRegistrations(String prefix, String properties, Class<?>... classes) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(TestApps.class, NativeRegistrations.class).addClasses(classes)
                        .addAsResource(new StringAsset(properties), "application.properties"))
                .addBuildChainCustomizer(NativeRegistrations.recordRegistrations(prefix));
    }
}
