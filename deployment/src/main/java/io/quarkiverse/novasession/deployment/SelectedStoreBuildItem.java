package io.quarkiverse.novasession.deployment;

import io.quarkiverse.novasession.runtime.StoreFacts;
import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The session store chosen with {@code quarkus.nova-session.manager}, checked: a class that exists and implements the
 * store SPI, with what the build knows of it.
 */
public final class SelectedStoreBuildItem extends SimpleBuildItem {

    private final String storeClassName;
    private final BuiltInStore builtIn;
    private final boolean renames;

    /**
     * @param builtIn the built-in store, or null for a class of the application
     * @param renames whether the store implements {@code NovaSessionStore.renameSession}
     */
    public SelectedStoreBuildItem(String storeClassName, BuiltInStore builtIn, boolean renames) {
        this.storeClassName = storeClassName;
        this.builtIn = builtIn;
        this.renames = renames;
    }

    public String storeClassName() {
        return storeClassName;
    }

    /**
     * @return whether the chosen store is {@code store}
     */
    public boolean is(BuiltInStore store) {
        return builtIn == store;
    }

    /**
     * @return whether several instances of the application share the store (they must then agree on id keys)
     */
    public boolean shared() {
        return builtIn != null && builtIn.shared();
    }

    public boolean renames() {
        return renames;
    }

    StoreFacts.Kind kind() {
        return builtIn == null ? StoreFacts.Kind.CUSTOM : builtIn.kind();
    }
}
