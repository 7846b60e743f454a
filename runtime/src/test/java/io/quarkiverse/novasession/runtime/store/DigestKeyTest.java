package io.quarkiverse.novasession.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.runtime.SessionIds;

class DigestKeyTest {

    @Test
    void aStoreKeyOfTheSessionLayerBecomesItsBytesAndReadsBackAsTheSameText() {
        Set<Object> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String storeKey = SessionIds.storeKey("id-" + i);
            Object key = DigestKey.of(storeKey);
            assertThat(key).isInstanceOf(DigestKey.class).isEqualTo(DigestKey.of(storeKey));
            assertThat(DigestKey.text(key)).isEqualTo(storeKey);
            keys.add(key);
        }
        assertThat(keys).hasSize(1_000);
    }

    @Test
    void anyOtherTextStaysTheStringItIs() {
        String storeKey = SessionIds.storeKey("id");
        String otherSpelling = storeKey.substring(0, 42) + (char) (storeKey.charAt(42) + 1);

        assertThat(DigestKey.of("cart")).isEqualTo("cart");
        assertThat(DigestKey.of(storeKey.substring(1))).isEqualTo(storeKey.substring(1));
        assertThat(DigestKey.of(storeKey.substring(1) + "=")).isEqualTo(storeKey.substring(1) + "=");
        assertThat(DigestKey.of(storeKey.substring(1) + "é")).isEqualTo(storeKey.substring(1) + "é");
        // the last character's spare bits set: the same 32 bytes spelt otherwise must not meet the real key
        assertThat(DigestKey.of(otherSpelling)).isEqualTo(otherSpelling);
    }
}
