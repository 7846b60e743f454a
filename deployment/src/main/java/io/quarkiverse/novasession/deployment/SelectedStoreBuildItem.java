package io.quarkiverse.novasession.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The session store chosen with {@code quarkus.nova-session.manager}, checked: a class that exists and implements the
 * store SPI.
 */
public final class SelectedStoreBuildItem extends SimpleBuildItem {

    private final String storeClassName;

    public SelectedStoreBuildItem(String storeClassName) {
        this.storeClassName = storeClassName;
    }

    public String storeClassName() {
        return storeClassName;
    }
}
