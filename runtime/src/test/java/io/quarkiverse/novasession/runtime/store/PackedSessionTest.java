package io.quarkiverse.novasession.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionStore;

class PackedSessionTest {

    private static final long CREATED = 1_764_600_000_123L;

    @Test
    void keepsItsCreationTimeAndValuesByteForByte() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(NovaSessionStore.LAST_SEEN_KEY, "1764600000456");
        values.put("n", "42");
        values.put("name", "\"Zoë ✓ 𝄞\"");
        byte[] packed = PackedSession.with(PackedSession.empty(CREATED), values);

        assertThat(PackedSession.created(packed)).isEqualTo(CREATED);
        assertThat(PackedSession.get(packed, "name")).isEqualTo("\"Zoë ✓ 𝄞\"");
        assertThat(PackedSession.get(packed, "n")).isEqualTo("42");
        assertThat(PackedSession.get(packed, NovaSessionStore.LAST_SEEN_KEY)).isEqualTo("1764600000456");
        assertThat(PackedSession.get(packed, "nam")).isNull();
        assertThat(PackedSession.get(packed, "__nova_seen_")).isNull();
        assertThat(PackedSession.size(packed)).isEqualTo(3);
        assertThat(PackedSession.toMap(packed)).isEqualTo(values);
    }

    @Test
    void aSessionOfTwoSmallValuesAndItsLastSeenTimeTakesFiftySevenBytes() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(NovaSessionStore.LAST_SEEN_KEY, "1764600000456");
        values.put("n", "42");
        values.put("name", "\"alice\"");
        // 8 (created) + 1 + 1 + 13 (last seen, its key a one-byte token) + 1 + 1 + 1 + 2 + 1 + 4 + 1 + 7
        assertThat(PackedSession.with(PackedSession.empty(CREATED), values)).hasSize(41);
    }

    @Test
    void anOverwriteReplacesTheValueAndKeepsTheOthers() {
        byte[] packed = PackedSession.with(PackedSession.empty(CREATED), Map.of("a", "1", "b", "2"));
        packed = PackedSession.with(packed, Map.of("a", "\"longer than before\""));

        assertThat(PackedSession.toMap(packed)).isEqualTo(Map.of("a", "\"longer than before\"", "b", "2"));
        assertThat(PackedSession.created(packed)).isEqualTo(CREATED);
    }

    @Test
    void removingAKeyLeavesTheOthersAndAnAbsentKeyChangesNothing() {
        byte[] packed = PackedSession.with(PackedSession.empty(CREATED), Map.of("a", "1", "b", "2", "c", "3"));
        byte[] removed = PackedSession.without(packed, "b");

        assertThat(PackedSession.toMap(removed)).isEqualTo(Map.of("a", "1", "c", "3"));
        assertThat(PackedSession.without(removed, "b")).isSameAs(removed);
        assertThat(PackedSession.contains(removed, "b")).isFalse();
        assertThat(PackedSession.contains(removed, "c")).isTrue();
    }

    @Test
    void aValueLongerThanOneVarintByteReadsBack() {
        String value = "\"" + "x".repeat(300) + "\"";
        byte[] packed = PackedSession.with(PackedSession.empty(CREATED), Map.of("long", value, "after", "7"));

        assertThat(PackedSession.get(packed, "long")).isEqualTo(value);
        assertThat(PackedSession.get(packed, "after")).isEqualTo("7");
    }

    @Test
    void aSessionPastTheLimitOrWithAKeyThatCannotBePackedIsRefused() {
        byte[] packed = PackedSession.with(PackedSession.empty(CREATED), Map.of("a", "1"));

        assertThat(PackedSession.with(packed, Map.of("big", "\"" + "x".repeat(PackedSession.MAX_BYTES) + "\""))).isNull();
        assertThat(PackedSession.with(packed, Map.of("clé", "1"))).isNull();
        assertThat(PackedSession.with(packed, Map.of("", "1"))).isNull();
        assertThat(PackedSession.with(packed, Map.of("k".repeat(256), "1"))).isNull();
        assertThat(PackedSession.with(packed, Map.of("k".repeat(255), "1"))).isNotNull();
    }
}
