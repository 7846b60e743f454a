package io.quarkiverse.novasession.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.SessionIds;

/**
 * The memory store's own forms of a session: packed while small, a map once it outgrows that, and the same answers
 * through either.
 */
class MemoryNovaSessionStoreTest {

    private final MemoryNovaSessionStore store = new MemoryNovaSessionStore(1_000, 100, Duration.ofMinutes(30), null);
    private final String storeKey = SessionIds.storeKey("visitor");

    @Test
    void aSessionThatOutgrowsThePackedFormKeepsEveryValueAndGoesOnWorking() {
        write(Map.of(NovaSessionStore.LAST_SEEN_KEY, "1764600000000", "n", "1"), true);
        Map<String, String> expected = new LinkedHashMap<>(Map.of(NovaSessionStore.LAST_SEEN_KEY, "1764600000000",
                "n", "1"));
        for (int i = 0; i < 20; i++) {
            String value = "\"" + "v".repeat(40) + i + "\"";
            write(Map.of("k" + i, value), false);
            expected.put("k" + i, value);
        }
        assertThat(store.sessionValues(storeKey).await().indefinitely()).contains(new java.util.TreeMap<>(expected));

        store.deleteValue(storeKey, "k3").await().indefinitely();
        write(Map.of("n", "2"), false);
        expected.remove("k3");
        expected.put("n", "2");
        assertThat(store.getValue(storeKey, "n").await().indefinitely()).contains("2");
        assertThat(store.getValue(storeKey, "k3").await().indefinitely()).isEmpty();
        assertThat(store.getValues(storeKey, List.of("k19", "k3", "k0")).await().indefinitely())
                .containsExactly(Optional.of(expected.get("k19")), Optional.empty(), Optional.of(expected.get("k0")));
        assertThat(store.sessionValues(storeKey).await().indefinitely()).contains(new java.util.TreeMap<>(expected));
    }

    @Test
    void maxKeysHoldsInThePackedFormAndInTheMapForm() {
        MemoryNovaSessionStore threeKeys = new MemoryNovaSessionStore(1_000, 3, Duration.ofMinutes(30), null);
        threeKeys.writeValues(storeKey, Map.of(NovaSessionStore.LAST_SEEN_KEY, "1", "a", "1", "b", "2"), true)
                .await().indefinitely();
        threeKeys.writeValues(storeKey, Map.of("c", "3"), false).await().indefinitely();
        assertThatThrownBy(() -> threeKeys.writeValues(storeKey, Map.of("d", "4"), false).await().indefinitely())
                .isInstanceOf(SessionLimitException.class);

        String other = SessionIds.storeKey("large");
        String large = "\"" + "x".repeat(600) + "\"";
        threeKeys.writeValues(other, Map.of(NovaSessionStore.LAST_SEEN_KEY, "1", "a", large, "b", "2"), true)
                .await().indefinitely();
        threeKeys.writeValues(other, Map.of("c", "3"), false).await().indefinitely();
        assertThatThrownBy(() -> threeKeys.writeValues(other, Map.of("d", "4"), false).await().indefinitely())
                .isInstanceOf(SessionLimitException.class);
        assertThat(threeKeys.getValues(other, List.of("a", "c", "d")).await().indefinitely())
                .containsExactly(Optional.of(large), Optional.of("3"), Optional.empty());
    }

    @Test
    void keysThatCannotBePackedAreKeptAsWritten() {
        write(Map.of(NovaSessionStore.LAST_SEEN_KEY, "1", "clé", "\"é\""), true);
        write(Map.of("", "0"), false);

        assertThat(store.getValues(storeKey, List.of("clé", "", NovaSessionStore.LAST_SEEN_KEY)).await().indefinitely())
                .containsExactly(Optional.of("\"é\""), Optional.of("0"), Optional.of("1"));
    }

    @Test
    void renamedSessionKeepsItsValuesAndCreationTimeAndTheOldKeyStaysEnded() {
        write(Map.of(NovaSessionStore.LAST_SEEN_KEY, "1", "cart", "3"), true);
        long created = created(storeKey);
        String renamed = SessionIds.storeKey("visitor, rotated");

        assertThat(store.renameSession(storeKey, renamed).await().indefinitely()).isTrue();

        assertThat(store.getValue(renamed, "cart").await().indefinitely()).contains("3");
        assertThat(created(renamed)).isEqualTo(created);
        assertThatThrownBy(() -> store.getValues(storeKey, List.of("cart")).await().indefinitely())
                .isInstanceOf(SessionEndedException.class);
        assertThatThrownBy(() -> write(Map.of("cart", "4"), true)).isInstanceOf(SessionEndedException.class);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void theDevUiListsEverySessionUnderTheStoreKeyTheSessionLayerGave() {
        write(Map.of(NovaSessionStore.LAST_SEEN_KEY, "1", "n", "1"), true);
        store.writeValues("not-a-digest", Map.of("n", "2"), true).await().indefinitely();
        Map<String, Map<String, String>> listed = new ConcurrentHashMap<>();
        store.forEachSession((key, created, values) -> listed.put(key, values));

        assertThat(listed).isEqualTo(Map.of(storeKey, Map.of(NovaSessionStore.LAST_SEEN_KEY, "1", "n", "1"),
                "not-a-digest", Map.of("n", "2")));
    }

    @Test
    void parallelWritesOfDifferentKeysToOnePackedSessionAllLand() throws Exception {
        write(Map.of(NovaSessionStore.LAST_SEEN_KEY, "1"), true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                String key = "k" + i;
                writes.add(pool.submit(() -> {
                    start.await();
                    return store.writeValues(storeKey, Map.of(key, "1"), false).await().indefinitely();
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // 41 keys of a few bytes each: the session outgrew the packed form on the way, and kept every key
        assertThat(store.sessionValues(storeKey).await().indefinitely().orElseThrow()).hasSize(41);
    }

    private void write(Map<String, String> values, boolean create) {
        store.writeValues(storeKey, values, create).await().indefinitely();
    }

    private long created(String key) {
        long[] created = { -1 };
        store.forEachSession((listed, time, values) -> {
            if (listed.equals(key)) {
                created[0] = time;
            }
        });
        return created[0];
    }
}
