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
        String json = plainJson(value);
        if (json != null) {
            return json;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SessionValueException(key, "Session value for key '" + key + "' of type "
                    + value.getClass().getName() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    <T> T read(String key, String json, Class<T> type) {
        Object plain = plainValue(json, type);
        if (plain != null) {
            return type.cast(plain);
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SessionValueException(key, "Session value for key '" + key + "' cannot be read as "
                    + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON of the values most sessions hold, written without a Jackson serializer, as Jackson writes them under any
     * configuration: integers, booleans, and strings of printable ASCII without quotes or backslashes (nothing any
     * escaping option changes). Anything else, or null, goes to the mapper.
     */
    static String plainJson(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof String text && plainText(text, 0, text.length())) {
            return '"' + text + '"';
        }
        return null;
    }

    /**
     * The value of JSON text that {@link #plainJson} would have written, read without a Jackson parser; null for any
     * other text or type, which goes to the mapper.
     */
    static Object plainValue(String json, Class<?> type) {
        int length = json.length();
        if (type == String.class) {
            return length >= 2 && json.charAt(0) == '"' && json.charAt(length - 1) == '"'
                    && plainText(json, 1, length - 1) ? json.substring(1, length - 1) : null;
        }
        if (type == Integer.class || type == Long.class) {
            // canonical integers only (no sign but minus, no leading zero, no exponent), within 18 digits
            int start = length > 0 && json.charAt(0) == '-' ? 1 : 0;
            int digits = length - start;
            if (digits < 1 || digits > 18 || (json.charAt(start) == '0' && digits > 1)) {
                return null;
            }
            for (int i = start; i < length; i++) {
                char c = json.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
            }
            long number = Long.parseLong(json);
            if (type == Long.class) {
                return number;
            }
            return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE ? Integer.valueOf((int) number) : null;
        }
        if (type == Boolean.class) {
            return json.equals("true") ? Boolean.TRUE : json.equals("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    private static boolean plainText(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
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
