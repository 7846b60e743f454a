package io.quarkiverse.novasession.runtime.store.infinispan;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * One session as one cache value: a JSON object whose members are the session's keys and values
 * ({@code {"user":"alice","visits":3}}), so that a person reading the cache sees the session as it is. An ended
 * session is the end marker {@value #END_MARKER}, which is not a JSON object.
 * <p>
 * Each member value is kept as the exact JSON text the session layer wrote, never re-parsed into a tree: a tree would
 * give back {@code 19.9} for {@code 19.90}, {@code 1E+2} for {@code 100.00} and the integer {@code 1} for {@code 1.0}.
 * Reading is streaming and only decodes the members asked for: a value's text is cut out of the document between the
 * offsets where its first and last token lie.
 */
final class SessionDocument {

    /** The whole value of an ended session's entry. Anything that is not a JSON object counts as one. */
    static final String END_MARKER = "deleted";

    /**
     * No limits at all: the document holds what the session layer accepted, and a limit of the parser (Jackson's
     * default {@code maxNameLength} is 50,000 characters) would make a session unreadable until it expires. The
     * session layer enforces its own limits on writes. Names are not canonicalised, so no symbol table grows (or
     * refuses) with the number of distinct keys.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .maxTokenCount(-1)
                    .build())
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private SessionDocument() {
    }

    static boolean isEndMarker(String text) {
        return text != null && (text.isEmpty() || text.charAt(0) != '{');
    }

    /**
     * @return the JSON text of each of {@code keys}, in their order; empty for a key the document lacks
     */
    static List<Optional<String>> values(String document, List<String> keys) {
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            wanted.putIfAbsent(keys.get(i), i);
        }
        String[] found = new String[keys.size()];
        int missing = wanted.size();
        try (JsonParser parser = open(document)) {
            while (missing > 0 && parser.nextToken() == JsonToken.FIELD_NAME) {
                Integer index = wanted.get(parser.currentName());
                JsonToken token = parser.nextToken();
                if (index == null || found[index] != null) {
                    // skipped without decoding: a string's content is not even unescaped
                    parser.skipChildren();
                } else {
                    found[index] = rawValue(document, parser, token);
                    missing--;
                }
            }
        } catch (IOException e) {
            throw unreadable();
        }
        List<Optional<String>> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(Optional.ofNullable(found[wanted.get(key)]));
        }
        return values;
    }

    /**
     * @return every member of the document, key to JSON text, in document order
     */
    static LinkedHashMap<String, String> members(String document) {
        LinkedHashMap<String, String> members = new LinkedHashMap<>();
        try (JsonParser parser = open(document)) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                members.put(key, rawValue(document, parser, parser.nextToken()));
            }
        } catch (IOException e) {
            throw unreadable();
        }
        return members;
    }

    /**
     * @param members key to JSON text, each written as it is
     */
    static String text(Map<String, String> members) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> member : members.entrySet()) {
                generator.writeFieldName(member.getKey());
                generator.writeRawValue(member.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Refuses a value that is not exactly one JSON value: written raw, it would corrupt the whole document, and every
     * later read of the session would fail.
     */
    static void checkValue(String key, String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            if (token != null) {
                parser.skipChildren();
                if (token == JsonToken.VALUE_STRING) {
                    parser.finishToken();
                }
                if (parser.nextToken() == null) {
                    return;
                }
            }
        } catch (IOException e) {
            // reported below, without the content: it is session data
        }
        throw new IllegalArgumentException("The value of session key '" + key + "' is not one JSON value");
    }

    private static JsonParser open(String document) throws IOException {
        JsonParser parser = JSON.createParser(document);
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw unreadable();
        }
        return parser;
    }

    /**
     * The text between the first character of the current value and the character after its end: a string is read to
     * its closing quote first ({@code finishToken}), a structure to its closing bracket ({@code skipChildren}).
     */
    private static String rawValue(String document, JsonParser parser, JsonToken token) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        if (token.isStructStart()) {
            parser.skipChildren();
        } else {
            parser.finishToken();
        }
        int end = (int) parser.currentLocation().getCharOffset();
        return document.substring(start, end);
    }

    private static IllegalStateException unreadable() {
        // without the content: it is session data
        return new IllegalStateException("The session cache holds an entry that is not a session document");
    }
}
