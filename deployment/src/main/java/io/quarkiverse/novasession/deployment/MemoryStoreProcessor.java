package io.quarkiverse.novasession.deployment;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * What the built-in memory store needs from the build.
 */
class MemoryStoreProcessor {

    /** The cache (strong keys and values, listener, maximum size, access expiry) and entry classes of Caffeine 3. */
    private static final String[] CAFFEINE_MEMORY_STORE_CLASSES = { "com.github.benmanes.caffeine.cache.SSLMSA",
            "com.github.benmanes.caffeine.cache.PSAMS" };

    /**
     * Caffeine builds the cache and its entries from classes named after the features asked for, found by reflection.
     * quarkus-caffeine registers the usual combinations; the memory store's (size-bounded, expiring after access, with
     * a removal listener) is not among them.
     */
    @BuildStep
    void caffeineClasses(SelectedStoreBuildItem store, BuildProducer<ReflectiveClassBuildItem> reflective) {
        if (store.is(BuiltInStore.MEMORY)) {
            reflective.produce(ReflectiveClassBuildItem.builder(CAFFEINE_MEMORY_STORE_CLASSES).constructors().fields()
                    .reason("the memory session store's Caffeine cache and entry classes").build());
        }
    }
}
