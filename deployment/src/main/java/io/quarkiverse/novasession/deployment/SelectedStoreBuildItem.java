package io.quarkiverse.novasession.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The session store chosen with {@code quarkus.nova-session.manager}, checked: a class that exists and implements the
 * store SPI.
 */
public final class SelectedStoreBuildItem extends SimpleBuildItem {

    private final String storeClassName;
    private final boolean shared;
    private final boolean renames;

    /**
     * @param shared whether several instances of the application share the store (they must then agree on id keys)
     * @param renames whether the store implements {@code NovaSessionStore.renameSession}
     */
    public SelectedStoreBuildItem(String storeClassName, boolean shared, boolean renames) {
        this.storeClassName = storeClassName;
        this.shared = shared;
        this.renames = renames;
    }

    public boolean renames() {
        return renames;
    }

    public boolean shared() {
        return shared;
    }

    public String storeClassName() {
        return storeClassName;
    }
}
