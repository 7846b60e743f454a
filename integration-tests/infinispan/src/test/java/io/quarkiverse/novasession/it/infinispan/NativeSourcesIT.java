package io.quarkiverse.novasession.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.novasession.it.NativeSourcesSuite;

/**
 * The demo's native sources on the Infinispan store: the Hot Rod client and what the store's string values need. Needs
 * no Infinispan cluster.
 */
class NativeSourcesIT extends NativeSourcesSuite {

    @Override
    protected String chosenStore() {
        return INFINISPAN_STORE;
    }

    @Override
    protected String otherStore() {
        return MEMORY_STORE;
    }

    @Test
    void hotRodClientAndProtostreamAreInTheImageWithTheSchemaOfStringValues() throws IOException {
        assertThat(sources.libraries()).anyMatch(jar -> jar.startsWith("org.infinispan.infinispan-client-hotrod-"))
                .anyMatch(jar -> jar.startsWith("org.infinispan.protostream.protostream-"));
        // session documents are strings in an application/x-protostream cache: ProtoStream wraps them with this schema
        assertThat(sources.resourceIncludes()).contains("org/infinispan/protostream/message-wrapping.proto");
    }

    @Test
    void theExpiryListenerIsRegisteredSoTheHotRodClientFindsItsEventMethods() {
        JsonNode listener = reflection.get(INFINISPAN_STORE.replace("InfinispanNovaSessionStore", "ExpiryListener"));
        assertThat(listener).as("ExpiryListener in reflect-config.json").isNotNull();
        assertThat(listener.path("allDeclaredMethods").asBoolean() || listener.path("methods").isArray()).isTrue();
    }

    @Test
    void noRedisJarOrClassIsInTheImage() throws IOException {
        assertThat(sources.libraries()).isNotEmpty().noneMatch(jar -> jar.contains("redis"));
        assertThat(reflection.keySet()).noneMatch(name -> name.startsWith(RUNTIME + "store.redis.")
                || name.startsWith("io.vertx.redis.") || name.startsWith("io.quarkus.redis."));
    }
}
