package io.quarkiverse.novasession.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionValueException;

/**
 * Turns session values into the JSON text the stores keep, and back, with the application's {@link ObjectMapper}.
 * JSON, not Java serialization: every store holds readable text, and reading a value never instantiates a class the
 * caller did not ask for.
 */
final class SessionValues {

    private final ObjectMapper mapper;

    SessionValues(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(String key, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SessionValueException(key, "Session value for key '" + key + "' of type "
                    + value.getClass().getName() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    <T> T read(String key, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SessionValueException(key, "Session value for key '" + key + "' cannot be read as "
                    + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    static void checkKey(String key) {
        if (key == null) {
            throw new IllegalArgumentException("Session key must not be null");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("Session key must not be empty");
        }
        if (key.equals(NovaSessionStore.LAST_SEEN_KEY) || key.equals(NovaSessionStore.KEYS_KEY)
                || key.equals(NovaSessionStore.IDENTITY_KEY)) {
            throw new IllegalArgumentException("Session key '" + key + "' is reserved: the session layer keeps the "
                    + "session's own data (last-seen time, key list, logged-in identity) under the keys "
                    + NovaSessionStore.LAST_SEEN_KEY + ", " + NovaSessionStore.KEYS_KEY + " and "
                    + NovaSessionStore.IDENTITY_KEY);
        }
    }

    static void checkValue(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Session value for key '" + key
                    + "' must not be null: use delete(key) to remove a key");
        }
    }
}
