package io.quarkiverse.novasession.deployment;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

/**
 * What the built-in Infinispan store needs from the build. Its classes are named by string, so that an application
 * on another store never loads them.
 */
class InfinispanStoreProcessor {

    private static final String EXPIRY_LISTENER = "io.quarkiverse.novasession.runtime.store.infinispan.ExpiryListener";

    /**
     * The Hot Rod client finds a client listener's event methods by reflection, from their annotations.
     */
    @BuildStep
    void expiryListener(SelectedStoreBuildItem store, BuildProducer<ReflectiveClassBuildItem> reflective) {
        if (store.is(BuiltInStore.INFINISPAN)) {
            reflective.produce(ReflectiveClassBuildItem.builder(EXPIRY_LISTENER).methods()
                    .reason("Hot Rod client listener of the Infinispan session store").build());
        }
    }
}
