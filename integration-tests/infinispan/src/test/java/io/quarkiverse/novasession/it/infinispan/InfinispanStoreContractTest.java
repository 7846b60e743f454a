package io.quarkiverse.novasession.it.infinispan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.it.CallCounts;
import io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The Infinispan store against the SPI's contract, on the real two-node cluster, through the store bean the
 * application uses. Where "another instance" matters, a second writer talks Hot Rod to the same cache directly, through
 * a client of its own (so the application's counted calls stay the store's), doing what another instance's store
 * does: versioned conditional writes of the session document.
 */
@QuarkusTest
@QuarkusTestResource(InfinispanClusterResource.class)
class InfinispanStoreContractTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    NovaSessionStore store;
    @Inject
    RemoteCacheManager cacheManager;
    @Inject
    HotRodCalls hotRodCalls;

    /** Another instance's client: the same cluster, the same settings, its calls not counted as the application's. */
    private static RemoteCacheManager otherInstance;
    private RemoteCache<String, String> cache;

    @BeforeEach
    void cacheExists() {
        // any call makes the store create the cache if the cluster lacks it
        await(store.getValue(storeKey(), "k"));
        if (otherInstance == null) {
            otherInstance = new RemoteCacheManager(cacheManager.getConfiguration());
        }
        cache = otherInstance.getCache("nova-sessions");
    }

    @AfterAll
    static void closeOtherInstance() {
        if (otherInstance != null) {
            otherInstance.stop();
            otherInstance = null;
        }
    }

    @Test
    void valuesComeBackExactlyAsWritten() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("price", "19.90");
        values.put("amount", "100.00");
        values.put("map", "{\"d\":1.0,\"big\":100.00,\"nested\":{\"list\":[1.0,19.90]}}");
        values.put("list", "[1.0,100.00,{\"x\":19.90},[],{}]");
        values.put("long", "9007199254740993");
        values.put("escapes", "\"\\u00e9\\n\\\"q\\\"\"");
        values.put("unicode", "\"é ü 漢字 😀\"");
        values.put("spaced", "{ \"a\" : [ 1 , 2 ] }");
        values.put("literals", "[true,false,null]");
        values.put("negative", "-0.0");
        values.put("exponent", "1.50E+3");
        values.put("", "\"empty key\"");
        values.put("key \"with\" quotes\n", "\"q\"");
        String storeKey = storeKey();
        assertThat(await(store.writeValues(storeKey, values, true))).isTrue();

        List<String> keys = new ArrayList<>(values.keySet());
        List<Optional<String>> read = await(store.getValues(storeKey, keys));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(read.get(i)).as(keys.get(i)).contains(values.get(keys.get(i)));
            assertThat(await(store.getValue(storeKey, keys.get(i)))).as(keys.get(i)).contains(values.get(keys.get(i)));
        }
        // a rewrite of the document (another key written) keeps the others' text as it was
        await(store.writeValues(storeKey, Map.of("other", "1"), false));
        assertThat(await(store.getValues(storeKey, keys))).isEqualTo(read);
        // the entry stays a readable JSON object
        assertThat(cache.get(storeKey)).startsWith("{\"price\":19.90,\"amount\":100.00,").endsWith(",\"other\":1}");
    }

    @Test
    void readsAnswerInTheOrderAskedWithEmptyForMissingKeys() {
        String storeKey = storeKey();
        await(store.writeValues(storeKey, Map.of("a", "1", "b", "\"two\""), true));
        assertThat(await(store.getValues(storeKey, List.of("b", "missing", "a", "b"))))
                .containsExactly(Optional.of("\"two\""), Optional.empty(), Optional.of("1"), Optional.of("\"two\""));
        assertThat(await(store.getValues(storeKey(), List.of("a", "b")))).containsExactly(Optional.empty(),
                Optional.empty());
    }

    @Test
    void aKeyOf50001CharactersIsWrittenAndReadBack() {
        String longKey = "k".repeat(50_001);
        String longValue = "\"" + "v".repeat(100_000) + "\"";
        String storeKey = storeKey();
        await(store.writeValues(storeKey, Map.of(longKey, longValue, "small", "1"), true));
        assertThat(await(store.getValues(storeKey, List.of("small", longKey))))
                .containsExactly(Optional.of("1"), Optional.of(longValue));
        await(store.writeValues(storeKey, Map.of("later", "2"), false));
        assertThat(await(store.getValue(storeKey, "later"))).contains("2");
        assertThat(await(store.getValue(storeKey, longKey))).contains(longValue);
    }

    @Test
    void aValueThatIsNotOneJsonValueIsRefusedAndTheSessionStaysReadable() {
        String storeKey = storeKey();
        await(store.writeValues(storeKey, Map.of("a", "1"), true));
        for (String broken : List.of("not json", "1 2", "{\"a\":", "\"unterminated", "")) {
            assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("b", broken), false)))
                    .as(broken).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(await(store.getValues(storeKey, List.of("a", "b")))).containsExactly(Optional.of("1"),
                Optional.empty());
    }

    @Test
    void parallelFirstWritesOfOneSessionOnThisInstanceAllLandInItAndOnlyOneCreatesIt() {
        for (int round = 0; round < 20; round++) {
            String storeKey = storeKey();
            CompletableFuture<Boolean> first = store.writeValues(storeKey, Map.of("a", "1"), true)
                    .subscribeAsCompletionStage();
            CompletableFuture<Boolean> second = store.writeValues(storeKey, Map.of("b", "2"), true)
                    .subscribeAsCompletionStage();
            List<Boolean> created = List.of(first.join(), second.join());
            assertThat(created).containsExactlyInAnyOrder(true, false);
            assertThat(await(store.getValues(storeKey, List.of("a", "b")))).containsExactly(Optional.of("1"),
                    Optional.of("2"));
        }
    }

    @Test
    void aFirstWriteRacingAnotherInstancesFirstWriteMergesIntoIt() throws Exception {
        int storeCreated = 0;
        for (int round = 0; round < 30; round++) {
            String storeKey = storeKey();
            CompletableFuture<Boolean> ours = store.writeValues(storeKey, Map.of("ours", "1"), true)
                    .subscribeAsCompletionStage();
            if (round % 2 == 1) {
                // lets this store's read and putIfAbsent go first, half of the time
                Thread.sleep(5);
            }
            boolean theirsCreated = otherInstanceWrites(storeKey, "theirs", "2");
            boolean oursCreated = ours.get(20, TimeUnit.SECONDS);
            assertThat(oursCreated).as("exactly one of the two first writes created the session")
                    .isNotEqualTo(theirsCreated);
            storeCreated += oursCreated ? 1 : 0;
            assertThat(await(store.getValues(storeKey, List.of("ours", "theirs")))).containsExactly(Optional.of("1"),
                    Optional.of("2"));
        }
        System.out.println("[store-contract] first-write race: this store created the session in " + storeCreated
                + " of 30 rounds, merged into the other writer's in " + (30 - storeCreated));
    }

    @Test
    void aFirstWriteOntoAnEntryItDidNotKnowOfTriesItsPutIfAbsentThenReadsAndMergesOnce() {
        String storeKey = storeKey();
        assertThat(otherInstanceWrites(storeKey, "theirs", "2")).isTrue();
        Map<String, Long> before = calls();

        assertThat(await(store.writeValues(storeKey, Map.of("ours", "1"), true))).isFalse();

        // the guess that the entry was absent costs one putIfAbsent, then the write goes as any other: no pause, no
        // second try
        assertThat(madeSince(before)).isEqualTo(Map.of("PUT_IF_ABSENT", 1L, "GET_WITH_METADATA", 1L,
                "REPLACE_WITH_VERSION", 1L));
        assertThat(await(store.getValues(storeKey, List.of("ours", "theirs")))).containsExactly(Optional.of("1"),
                Optional.of("2"));
    }

    @Test
    void aFirstWriteOntoAnEndedSessionItDidNotKnowOfFailsAsEndedAndStoresNothing() {
        String storeKey = storeKey();
        await(store.writeValues(storeKey, Map.of("a", "1"), true));
        assertThat(await(store.endSession(storeKey))).isTrue();
        Map<String, Long> before = calls();

        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("b", "2"), true)))
                .isInstanceOf(SessionEndedException.class);

        assertThat(madeSince(before)).isEqualTo(Map.of("PUT_IF_ABSENT", 1L, "GET_WITH_METADATA", 1L));
        assertThatThrownBy(() -> await(store.getValues(storeKey, List.of("a", "b"))))
                .isInstanceOf(SessionEndedException.class);
    }

    @Test
    void aWriteThatMayNotCreateFailsOnAnAbsentSessionAndStoresNothing() {
        String storeKey = storeKey();
        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("a", "1"), false)))
                .isInstanceOf(SessionEndedException.class);
        assertThat(cache.get(storeKey)).isNull();
    }

    @Test
    void afterEndSessionEveryWriteFailsAndNothingIsStored() {
        String storeKey = storeKey();
        await(store.writeValues(storeKey, Map.of("a", "1"), true));
        assertThat(await(store.endSession(storeKey))).isTrue();

        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("b", "2"), false)))
                .isInstanceOf(SessionEndedException.class);
        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("b", "2"), true)))
                .isInstanceOf(SessionEndedException.class);
        assertThatThrownBy(() -> await(store.setValue(storeKey, "b", "2"))).isInstanceOf(SessionEndedException.class);
        await(store.deleteValue(storeKey, "a"));
        assertThatThrownBy(() -> await(store.getValues(storeKey, List.of("a"))))
                .isInstanceOf(SessionEndedException.class).hasNoCause();
        assertThat(await(store.getValue(storeKey, "a"))).isEmpty();
        assertThat(await(store.getValue(storeKey, "b"))).isEmpty();
        // the entry is the end marker, with idle-timeout (30 minutes by default) to live
        MetadataValue<String> marker = cache.getWithMetadata(storeKey);
        assertThat(marker.getValue()).doesNotStartWith("{");
        assertThat(marker.getLifespan()).isEqualTo(30 * 60);
        // ending it again finds no live session
        assertThat(await(store.endSession(storeKey))).isFalse();
    }

    @Test
    void endSessionOfSessionsThatDoNotExistWritesNothing() {
        int before = cache.size();
        Map<String, Long> callsBefore = calls();
        for (int i = 0; i < 1_000; i++) {
            assertThat(await(store.endSession(storeKey()))).isFalse();
        }
        for (int i = 0; i < 100; i++) {
            await(store.deleteValue(storeKey()));
        }
        assertThat(cache.size()).isEqualTo(before);
        Map<String, Long> callsAfter = calls();
        // one replace-if-exists per session, nothing else
        Set<String> kinds = new TreeSet<>(callsAfter.keySet());
        kinds.addAll(List.of("GET_WITH_METADATA", "PUT_IF_ABSENT", "REPLACE_WITH_VERSION", "REPLACE", "PUT", "REMOVE"));
        for (String kind : kinds) {
            long expected = kind.equals("REPLACE") ? 1_100 : 0;
            assertThat(callsAfter.getOrDefault(kind, 0L) - callsBefore.getOrDefault(kind, 0L)).as(kind)
                    .isEqualTo(expected);
        }
    }

    @Test
    void deletingAKeyNeverCreatesOrResurrectsASession() {
        String absent = storeKey();
        await(store.deleteValue(absent, "k"));
        assertThat(cache.get(absent)).isNull();

        String live = storeKey();
        await(store.writeValues(live, Map.of("a", "1", "b", "2"), true));
        await(store.deleteValue(live, "a"));
        await(store.deleteValue(live, "not-there"));
        assertThat(await(store.getValues(live, List.of("a", "b")))).containsExactly(Optional.empty(),
                Optional.of("2"));
    }

    @Test
    void maxKeysRefusesTheWriteThatWouldExceedItAndStoresNothingOfIt() {
        String storeKey = storeKey();
        Map<String, String> hundred = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            hundred.put("k" + i, String.valueOf(i));
        }
        hundred.put(NovaSessionStore.LAST_SEEN_KEY, "1");
        await(store.writeValues(storeKey, hundred, true));
        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("one-too-many", "1", "k0", "5"), false)))
                .isInstanceOf(SessionLimitException.class);
        assertThat(await(store.getValues(storeKey, List.of("one-too-many", "k0")))).containsExactly(Optional.empty(),
                Optional.of("0"));
        // an overwrite is always allowed
        await(store.writeValues(storeKey, Map.of("k0", "7"), false));
        assertThat(await(store.getValue(storeKey, "k0"))).contains("7");
    }

    @Test
    void renameMovesALiveSessionAndEndsTheOldKey() {
        String oldKey = storeKey();
        String newKey = storeKey();
        await(store.writeValues(oldKey, Map.of("user", "\"alice\"", "price", "19.90"), true));
        assertThat(await(store.renameSession(oldKey, newKey))).isTrue();
        assertThat(await(store.getValues(newKey, List.of("user", "price")))).containsExactly(Optional.of("\"alice\""),
                Optional.of("19.90"));
        assertThatThrownBy(() -> await(store.getValues(oldKey, List.of("user"))))
                .isInstanceOf(SessionEndedException.class);
        assertThatThrownBy(() -> await(store.writeValues(oldKey, Map.of("late", "1"), false)))
                .isInstanceOf(SessionEndedException.class);
        await(store.writeValues(newKey, Map.of("later", "1"), false));
        assertThat(await(store.getValue(newKey, "later"))).contains("1");

        // nothing to move: false, and nothing written under the new key
        String nowhere = storeKey();
        assertThat(await(store.renameSession(storeKey(), nowhere))).isFalse();
        assertThat(await(store.renameSession(oldKey, nowhere))).isFalse();
        assertThat(cache.get(nowhere)).isNull();
    }

    /**
     * Writes of this instance (queued with the rename) and of another instance (versioned writes racing it in the
     * cluster) go on while the session is renamed: each of them either is under the new key afterwards or failed as
     * ended. None is acknowledged and then missing.
     */
    @Test
    void writesRacingARenameAreEitherUnderTheNewKeyOrFailedAsEnded() throws Exception {
        int acknowledgedTotal = 0;
        int endedTotal = 0;
        long copiesBefore = calls().getOrDefault("PUT", 0L);
        for (int round = 0; round < 5; round++) {
            String oldKey = storeKey();
            String newKey = storeKey();
            await(store.writeValues(oldKey, Map.of("start", "0"), true));

            // at most max-keys (100) keys in all: 60 of this instance, up to 38 of the other one, and "start"
            AtomicBoolean stop = new AtomicBoolean();
            Set<String> otherInstanceAcknowledged = ConcurrentHashMap.newKeySet();
            CompletableFuture<Void> otherInstance = null;
            Map<String, CompletableFuture<Boolean>> local = new LinkedHashMap<>();
            CompletableFuture<Boolean> renamed = null;
            for (int n = 0; n < 60; n++) {
                local.put("local" + n, store.writeValues(oldKey, Map.of("local" + n, String.valueOf(n)), false)
                        .subscribeAsCompletionStage());
                if (n == 20) {
                    otherInstance = CompletableFuture.runAsync(() -> {
                        for (int m = 0; m < 38 && !stop.get(); m++) {
                            if (!otherInstanceWritesIfLive(oldKey, "other" + m, String.valueOf(m))) {
                                return;
                            }
                            otherInstanceAcknowledged.add("other" + m);
                        }
                    });
                }
                if (n == 30) {
                    renamed = store.renameSession(oldKey, newKey).subscribeAsCompletionStage();
                }
                Thread.sleep(1);
            }
            assertThat(renamed.get(20, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            otherInstance.get(20, TimeUnit.SECONDS);

            List<String> acknowledged = new ArrayList<>(otherInstanceAcknowledged);
            int ended = 0;
            for (Map.Entry<String, CompletableFuture<Boolean>> write : local.entrySet()) {
                try {
                    write.getValue().get(20, TimeUnit.SECONDS);
                    acknowledged.add(write.getKey());
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).as(write.getKey()).isInstanceOf(SessionEndedException.class);
                    ended++;
                }
            }
            List<Optional<String>> underNewKey = await(store.getValues(newKey, acknowledged));
            for (int i = 0; i < acknowledged.size(); i++) {
                assertThat(underNewKey.get(i)).as(acknowledged.get(i) + " was acknowledged").isPresent();
            }
            assertThatThrownBy(() -> await(store.getValues(oldKey, List.of("start"))))
                    .isInstanceOf(SessionEndedException.class);
            // the race really happened: writes on both sides of the rename
            assertThat(acknowledged).isNotEmpty();
            assertThat(ended).isPositive();
            acknowledgedTotal += acknowledged.size();
            endedTotal += ended;
        }
        System.out.println("[store-contract] writes racing rename, 5 rounds: " + acknowledgedTotal
                + " acknowledged and found under the new key, " + endedTotal + " failed as ended, none lost; the rename"
                + " copied the session again after losing a race " + (calls().getOrDefault("PUT", 0L)
                        - copiesBefore)
                + " times");
    }

    @Test
    void theSharedIdKeyIsKeptOnceWithoutLifespan() {
        String kept = await(store.sharedIdKey("candidate-" + storeKey()));
        assertThat(kept).isNotBlank();
        assertThat(await(store.sharedIdKey("another-" + storeKey()))).isEqualTo(kept);
        MetadataValue<String> entry = cache.getWithMetadata("nova-session:id-key");
        assertThat(entry.getValue()).isEqualTo(kept);
        assertThat(entry.getLifespan()).isEqualTo(-1);
    }

    /**
     * Another instance's first write of one key: {@code putIfAbsent}, and if the session exists by then, a versioned
     * merge into it, retried on conflict.
     *
     * @return whether it created the session
     */
    private boolean otherInstanceWrites(String storeKey, String key, String value) {
        if (cache.withFlags(Flag.FORCE_RETURN_VALUE).putIfAbsent(storeKey, "{\"" + key + "\":" + value + "}", 30,
                TimeUnit.MINUTES) == null) {
            return true;
        }
        assertThat(otherInstanceWritesIfLive(storeKey, key, value)).isTrue();
        return false;
    }

    /**
     * Another instance's write of one key to a live session: read with version, add the member, replace with version,
     * again on conflict.
     *
     * @return whether the cluster took it; false when the session is gone or ended
     */
    private boolean otherInstanceWritesIfLive(String storeKey, String key, String value) {
        while (true) {
            MetadataValue<String> entry = cache.getWithMetadata(storeKey);
            if (entry == null || !entry.getValue().startsWith("{")) {
                return false;
            }
            String document = entry.getValue();
            String changed = document.equals("{}") ? "{\"" + key + "\":" + value + "}"
                    : "{\"" + key + "\":" + value + "," + document.substring(1);
            if (cache.replaceWithVersion(storeKey, changed, entry.getVersion(), 30 * 60)) {
                return true;
            }
        }
    }

    /**
     * @return the Hot Rod calls of each kind the application's client made so far: the store's
     */
    private Map<String, Long> calls() {
        return hotRodCalls.snapshot();
    }

    /**
     * @return the calls of each kind made since {@code before}, leaving out the kinds not made
     */
    private Map<String, Long> madeSince(Map<String, Long> before) {
        return CallCounts.since(before, calls());
    }

    private static String storeKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(TIMEOUT);
    }
}
