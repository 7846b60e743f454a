package io.quarkiverse.novasession.test;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The test applications the scenarios run: {@link SessionRoutes} on a given store.
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
}
