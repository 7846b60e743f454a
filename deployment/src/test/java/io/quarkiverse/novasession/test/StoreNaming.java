package io.quarkiverse.novasession.test;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A bean that {@link RecordingStore} injects: if injection did not happen, reading through the store fails.
 */
@ApplicationScoped
public class StoreNaming {

    /**
     * Leaves the stored JSON unchanged; exists only to be called through injection.
     */
    public String tag(String json) {
        return json;
    }
}
