package io.quarkiverse.novasession.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The values the session layer writes and reads without Jackson come out exactly as Jackson's, under its default
 * configuration and with non-ASCII escaping on; everything else is left to the mapper.
 */
class PlainJsonMatchesJacksonTest {

    private static final List<ObjectMapper> MAPPERS = List.of(new ObjectMapper(),
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build());
    private static final List<Object> VALUES = List.of(0, 1, -1, 42, Integer.MAX_VALUE, Integer.MIN_VALUE, 0L,
            Long.MAX_VALUE, Long.MIN_VALUE, -99L, true, false, "", "alice", "a b/c <d> & 'e'", "~!@#$%^&*()_+{}|:?");

    @Test
    void plainValuesAreWrittenAsJacksonWritesThem() throws Exception {
        for (ObjectMapper mapper : MAPPERS) {
            for (Object value : VALUES) {
                assertThat(SessionValues.plainJson(value)).as("%s", value).isEqualTo(mapper.writeValueAsString(value));
            }
        }
    }

    @Test
    void plainJsonIsReadAsJacksonReadsIt() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (Object value : VALUES) {
            String json = mapper.writeValueAsString(value);
            Object read = SessionValues.plainValue(json, value.getClass());
            if (read != null) {
                assertThat(read).as(json).isEqualTo(mapper.readValue(json, value.getClass())).isEqualTo(value);
            } else {
                // beyond 18 digits: Jackson's
                assertThat(value).isIn(Long.MAX_VALUE, Long.MIN_VALUE);
            }
        }
        assertThat(SessionValues.plainValue("42", Long.class)).isEqualTo(42L);
        assertThat(SessionValues.plainValue("42", Integer.class)).isEqualTo(42);
    }

    @Test
    void anythingElseIsLeftToTheMapper() {
        assertThat(SessionValues.plainJson("Zoë")).isNull();
        assertThat(SessionValues.plainJson("say \"hi\"")).isNull();
        assertThat(SessionValues.plainJson("back\\slash")).isNull();
        assertThat(SessionValues.plainJson("tab\t")).isNull();
        assertThat(SessionValues.plainJson(4.2)).isNull();
        assertThat(SessionValues.plainJson(List.of(1))).isNull();
        assertThat(SessionValues.plainValue("\"a\\\"b\"", String.class)).isNull();
        assertThat(SessionValues.plainValue("\"Zoë\"", String.class)).isNull();
        assertThat(SessionValues.plainValue("42", String.class)).isNull();
        assertThat(SessionValues.plainValue("\"42\"", Integer.class)).isNull();
        assertThat(SessionValues.plainValue("042", Integer.class)).isNull();
        assertThat(SessionValues.plainValue("4e2", Integer.class)).isNull();
        assertThat(SessionValues.plainValue("-", Integer.class)).isNull();
        assertThat(SessionValues.plainValue("", Integer.class)).isNull();
        assertThat(SessionValues.plainValue("2147483648", Integer.class)).isNull();
        assertThat(SessionValues.plainValue("1.5", Long.class)).isNull();
        assertThat(SessionValues.plainValue("True", Boolean.class)).isNull();
        assertThat(SessionValues.plainValue("1", Boolean.class)).isNull();
        assertThat(SessionValues.plainValue("{}", Object.class)).isNull();
    }
}
