package io.quarkiverse.novasession.deployment;

import java.util.Optional;

import io.quarkiverse.novasession.runtime.StoreFacts;

/**
 * The stores the extension ships, by their {@code quarkus.nova-session.manager} name. Adding a store is adding a
 * constant here; the filter and the session beans never change.
 */
enum BuiltInStore {

    MEMORY("memory", StoreFacts.Kind.MEMORY, "io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore", false,
            null, null),

    INFINISPAN("infinispan", StoreFacts.Kind.INFINISPAN,
            "io.quarkiverse.novasession.runtime.store.infinispan.InfinispanNovaSessionStore", true,
            "io.quarkus.infinispan.client.runtime.InfinispanClientProducer", "io.quarkus:quarkus-infinispan-client"),

    REDIS("redis", StoreFacts.Kind.REDIS, "io.quarkiverse.novasession.runtime.store.redis.RedisNovaSessionStore", true,
            "io.quarkus.redis.runtime.client.RedisClientRecorder", "io.quarkus:quarkus-redis-client");

    private final String managerName;
    private final StoreFacts.Kind kind;
    private final String storeClassName;
    /** Whether several instances share the store. */
    private final boolean shared;
    /** A class the store needs at run time, or null; named by string so the processor never loads it. */
    private final String requiredClassName;
    /** The dependency that brings {@link #requiredClassName}. */
    private final String requiredDependency;

    BuiltInStore(String managerName, StoreFacts.Kind kind, String storeClassName, boolean shared,
            String requiredClassName, String requiredDependency) {
        this.managerName = managerName;
        this.kind = kind;
        this.storeClassName = storeClassName;
        this.shared = shared;
        this.requiredClassName = requiredClassName;
        this.requiredDependency = requiredDependency;
    }

    String managerName() {
        return managerName;
    }

    StoreFacts.Kind kind() {
        return kind;
    }

    String storeClassName() {
        return storeClassName;
    }

    boolean shared() {
        return shared;
    }

    Optional<String> requiredClassName() {
        return Optional.ofNullable(requiredClassName);
    }

    String requiredDependency() {
        return requiredDependency;
    }

    static Optional<BuiltInStore> named(String managerName) {
        for (BuiltInStore store : values()) {
            if (store.managerName.equals(managerName)) {
                return Optional.of(store);
            }
        }
        return Optional.empty();
    }

    static String names() {
        StringBuilder names = new StringBuilder();
        for (BuiltInStore store : values()) {
            if (names.length() > 0) {
                names.append(", ");
            }
            names.append(store.managerName);
        }
        return names.toString();
    }
}
