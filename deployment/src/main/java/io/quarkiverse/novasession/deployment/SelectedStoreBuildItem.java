package io.quarkiverse.novasession.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The session store chosen with {@code quarkus.nova-session.manager}, checked: a class that exists and implements the
 * store SPI.
 */
public final class SelectedStoreBuildItem extends SimpleBuildItem {

    private final String storeClassName;
    private final boolean shared;

    /**
     * @param shared whether several instances of the application share the store (they must then agree on id keys)
     */
    public SelectedStoreBuildItem(String storeClassName, boolean shared) {
        this.storeClassName = storeClassName;
        this.shared = shared;
    }

    public boolean shared() {
        return shared;
    }

    public String storeClassName() {
        return storeClassName;
    }
}
