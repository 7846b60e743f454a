package io.quarkiverse.novasession.runtime.store.infinispan;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * One session as one cache value: a JSON object whose members are the session's keys and values
 * ({@code {"user":"alice","visits":3}}), so that a person reading the cache sees the session as it is. A deleted
 * session is the marker text {@value #DELETED}, which is not JSON.
 */
final class SessionDocument {

    static final String DELETED = "deleted";

    // floats as BigDecimal and plain integers as they come: a value reads back exactly as the session layer wrote it
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SessionDocument() {
    }

    static ObjectNode empty() {
        return JSON.createObjectNode();
    }

    static ObjectNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below, without the content: it is session data
        }
        throw new IllegalStateException("The session cache holds an entry that is not a session document");
    }

    /**
     * @return the value of {@code key} as JSON text
     */
    static Optional<String> valueOf(ObjectNode document, String key) {
        JsonNode value = document.get(key);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    static JsonNode parseValue(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Session value is not JSON text", e);
        }
    }
}
