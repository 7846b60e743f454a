package io.quarkiverse.novasession.runtime.store;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How the shared stores keep a principal index as one value: a JSON object of store key to entry, in insertion order.
 */
public final class PrincipalIndexJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> ENTRIES = new TypeReference<>() {
    };

    private PrincipalIndexJson() {
    }

    /**
     * @return the entries of a stored index; empty (and modifiable) for none
     */
    public static Map<String, String> parse(String text) {
        if (text == null || text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(text, ENTRIES);
        } catch (JsonProcessingException e) {
            // a damaged index is rebuilt by the next logins rather than blocking them for ever
            return new LinkedHashMap<>();
        }
    }

    public static String text(Map<String, String> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
