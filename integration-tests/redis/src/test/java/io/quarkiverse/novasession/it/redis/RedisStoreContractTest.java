package io.quarkiverse.novasession.it.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.store.InspectableStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The Redis store against the SPI's contract, on the real standalone server, through the store bean the application
 * uses; what Redis holds is read with {@code redis-cli}, outside the application.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisStandaloneResource.class, restrictToAnnotatedClass = true)
class RedisStoreContractTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    NovaSessionStore store;
    @Inject
    RedisCalls calls;

    @Test
    void valuesComeBackExactlyAsWritten() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("price", "19.90");
        values.put("amount", "100.00");
        values.put("map", "{\"d\":1.0,\"big\":100.00,\"nested\":{\"list\":[1.0,19.90]}}");
        values.put("long", "9007199254740993");
        values.put("escapes", "\"\\u00e9\\n\\\"q\\\"\"");
        values.put("unicode", "\"é ü 漢字 😀\"");
        values.put("spaced", "{ \"a\" : [ 1 , 2 ] }");
        values.put("", "\"empty key\"");
        values.put("key \"with\" quotes\n", "\"q\"");
        values.put("k".repeat(50_001), "\"" + "v".repeat(100_000) + "\"");
        String storeKey = storeKey();
        assertThat(await(store.writeValues(storeKey, values, true))).isTrue();

        List<String> keys = new ArrayList<>(values.keySet());
        List<Optional<String>> read = await(store.getValues(storeKey, keys));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(read.get(i)).as(keys.get(i)).contains(values.get(keys.get(i)));
        }
        assertThat(await(store.writeValues(storeKey, Map.of("other", "1"), false))).isFalse();
        assertThat(await(store.getValues(storeKey, keys))).isEqualTo(read);
        // one hash field per session key, the JSON text as it is
        assertThat(cli("HGET", "nova:{" + storeKey + "}:s", "unicode")).isEqualTo("\"é ü 漢字 😀\"");
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
    void parallelFirstWritesOfOneSessionAllLandInItAndOnlyOneCreatesIt() {
        for (int round = 0; round < 20; round++) {
            String storeKey = storeKey();
            CompletableFuture<Boolean> first = store.writeValues(storeKey, Map.of("a", "1"), true)
                    .subscribeAsCompletionStage();
            CompletableFuture<Boolean> second = store.writeValues(storeKey, Map.of("b", "2"), true)
                    .subscribeAsCompletionStage();
            assertThat(List.of(first.join(), second.join())).containsExactlyInAnyOrder(true, false);
            assertThat(await(store.getValues(storeKey, List.of("a", "b")))).containsExactly(Optional.of("1"),
                    Optional.of("2"));
        }
    }

    @Test
    void aWriteThatMayNotCreateFailsOnAnAbsentSessionAndStoresNothing() {
        String storeKey = storeKey();
        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("a", "1"), false)))
                .isInstanceOf(SessionEndedException.class);
        assertThat(cli("EXISTS", "nova:{" + storeKey + "}:s", "nova:{" + storeKey + "}:x")).isEqualTo("0");
    }

    @Test
    void afterEndSessionEveryWriteFailsNothingIsStoredAndTheMarkerLivesIdleTimeout() {
        String storeKey = storeKey();
        await(store.writeValues(storeKey, Map.of("a", "1"), true));
        assertThat(await(store.endSession(storeKey))).isTrue();

        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("b", "2"), false)))
                .isInstanceOf(SessionEndedException.class);
        assertThatThrownBy(() -> await(store.writeValues(storeKey, Map.of("b", "2"), true)))
                .isInstanceOf(SessionEndedException.class);
        assertThatThrownBy(() -> await(store.getValues(storeKey, List.of("a"))))
                .isInstanceOf(SessionEndedException.class);
        assertThat(await(store.getValue(storeKey, "a"))).isEmpty();
        assertThat(await(store.endSession(storeKey))).isFalse();
        assertThat(await(store.renameSession(storeKey, storeKey()))).isFalse();
        assertThat(cli("EXISTS", "nova:{" + storeKey + "}:s")).isEqualTo("0");
        // idle-timeout is 30 minutes here
        assertThat(Long.parseLong(cli("PTTL", "nova:{" + storeKey + "}:x")))
                .isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());
    }

    @Test
    void endingASessionThatDoesNotExistWritesNothing() {
        String storeKey = storeKey();
        assertThat(await(store.endSession(storeKey))).isFalse();
        assertThat(cli("EXISTS", "nova:{" + storeKey + "}:s", "nova:{" + storeKey + "}:x")).isEqualTo("0");
    }

    @Test
    void everyWriteGivesTheSessionIdleTimeoutToLive() throws InterruptedException {
        String storeKey = storeKey();
        await(store.writeValues(storeKey, Map.of("a", "1"), true));
        String hash = "nova:{" + storeKey + "}:s";
        cli("PEXPIRE", hash, "60000");
        await(store.getValues(storeKey, List.of("a")));
        // a read leaves the time to live alone: only the session layer's writes (at most once per touch-interval) renew it
        assertThat(Long.parseLong(cli("PTTL", hash))).isLessThanOrEqualTo(60_000);
        await(store.writeValues(storeKey, Map.of("b", "2"), false));
        assertThat(Long.parseLong(cli("PTTL", hash))).isBetween(Duration.ofMinutes(29).toMillis(),
                Duration.ofMinutes(30).toMillis());
    }

    @Test
    void aWritePastMaxKeysIsRefusedWholeAndNamesItsFirstNewKey() {
        String storeKey = storeKey();
        Map<String, String> ninetyNine = new LinkedHashMap<>();
        for (int i = 0; i < 99; i++) {
            ninetyNine.put("k" + i, String.valueOf(i));
        }
        ninetyNine.put(NovaSessionStore.LAST_SEEN_KEY, "1");
        await(store.writeValues(storeKey, ninetyNine, true));
        Map<String, String> two = new LinkedHashMap<>();
        two.put("k0", "\"overwrite\"");
        two.put("new1", "1");
        two.put("new2", "2");
        assertThatThrownBy(() -> await(store.writeValues(storeKey, two, false)))
                .isInstanceOf(SessionLimitException.class)
                .hasMessageStartingWith("Session key 'new1' would be one key too many")
                .hasMessageContaining("max-keys=100");
        assertThat(await(store.getValues(storeKey, List.of("k0", "new1", "new2")))).containsExactly(Optional.of("0"),
                Optional.empty(), Optional.empty());
        // the last-seen key does not count, and an overwrite always fits
        assertThat(await(store.writeValues(storeKey, Map.of("new1", "1", "k0", "\"o\""), false))).isFalse();
        assertThat(cli("HLEN", "nova:{" + storeKey + "}:s")).isEqualTo("101");
    }

    @Test
    void aRenameMovesEverythingAndLeavesOnlyTheOldIdsMarker() {
        String oldKey = storeKey();
        String newKey = storeKey();
        await(store.writeValues(oldKey, Map.of("a", "1", "b", "\"x\""), true));
        // a first rename, so that the server knows both scripts (an unknown one costs one more round trip, once)
        String warm = storeKey();
        await(store.writeValues(warm, Map.of("a", "1"), true));
        await(store.renameSession(warm, storeKey()));
        Map<String, Long> before = calls.snapshot();
        assertThat(await(store.renameSession(oldKey, newKey))).isTrue();
        // three round trips: the old id sealed (one script), the data moved in under the new one (one script), and
        // what the first set aside deleted
        Map<String, Long> after = calls.snapshot();
        assertThat(after.get("EVALSHA") - before.getOrDefault("EVALSHA", 0L)).isEqualTo(2);
        assertThat(after.get("DEL") - before.getOrDefault("DEL", 0L)).isEqualTo(1);
        assertThat(after.values().stream().mapToLong(Long::longValue).sum()
                - before.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(await(store.getValues(newKey, List.of("a", "b")))).containsExactly(Optional.of("1"),
                Optional.of("\"x\""));
        assertThatThrownBy(() -> await(store.getValues(oldKey, List.of("a"))))
                .isInstanceOf(SessionEndedException.class);
        assertThat(cli("EXISTS", "nova:{" + oldKey + "}:s", "nova:{" + oldKey + "}:m")).isEqualTo("0");
        assertThat(cli("EXISTS", "nova:{" + oldKey + "}:x")).isEqualTo("1");
        assertThat(Long.parseLong(cli("PTTL", "nova:{" + newKey + "}:s"))).isPositive();
        assertThat(await(store.renameSession(storeKey(), storeKey()))).isFalse();
    }

    /**
     * Writes go on while the session is renamed: each of them either is under the new key afterwards or failed as
     * ended. None is acknowledged and then missing.
     */
    @Test
    void writesRacingARenameAreEitherUnderTheNewKeyOrFailedAsEnded() throws Exception {
        int acknowledgedTotal = 0;
        int endedTotal = 0;
        for (int round = 0; round < 5; round++) {
            String oldKey = storeKey();
            String newKey = storeKey();
            await(store.writeValues(oldKey, Map.of("start", "0"), true));
            Map<String, CompletableFuture<Boolean>> writes = new LinkedHashMap<>();
            CompletableFuture<Boolean> renamed = null;
            for (int n = 0; n < 90; n++) {
                writes.put("w" + n, store.writeValues(oldKey, Map.of("w" + n, String.valueOf(n)), false)
                        .subscribeAsCompletionStage());
                if (n == 45) {
                    renamed = store.renameSession(oldKey, newKey).subscribeAsCompletionStage();
                }
                Thread.sleep(0, 200_000);
            }
            assertThat(renamed.get(20, TimeUnit.SECONDS)).isTrue();
            List<String> acknowledged = new ArrayList<>();
            int ended = 0;
            for (Map.Entry<String, CompletableFuture<Boolean>> write : writes.entrySet()) {
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
            assertThat(acknowledged).isNotEmpty();
            assertThat(ended).isPositive();
            acknowledgedTotal += acknowledged.size();
            endedTotal += ended;
        }
        System.out.println("[store-contract] writes racing rename, 5 rounds: " + acknowledgedTotal
                + " acknowledged and found under the new key, " + endedTotal + " failed as ended, none lost");
    }

    /**
     * A write and the end of its session, at the same moment, many times: afterwards the session never exists again,
     * whichever came first.
     */
    @Test
    void aWriteRacingTheEndOfItsSessionNeverBringsItBack() {
        int writesFirst = 0;
        int endsFirst = 0;
        for (int round = 0; round < 200; round++) {
            String storeKey = storeKey();
            await(store.writeValues(storeKey, Map.of("a", "1"), true));
            // both sent at once, in either order: Redis runs one script, then the other
            CompletableFuture<Boolean> write;
            CompletableFuture<Boolean> end;
            if (round % 2 == 0) {
                write = store.writeValues(storeKey, Map.of("late", "1"), false).subscribeAsCompletionStage();
                end = store.endSession(storeKey).subscribeAsCompletionStage();
            } else {
                end = store.endSession(storeKey).subscribeAsCompletionStage();
                write = store.writeValues(storeKey, Map.of("late", "1"), false).subscribeAsCompletionStage();
            }
            assertThat(end.join()).isTrue();
            try {
                write.join();
                writesFirst++;
            } catch (RuntimeException e) {
                assertThat(e.getCause()).isInstanceOf(SessionEndedException.class);
                endsFirst++;
            }
            assertThat(cli("EXISTS", "nova:{" + storeKey + "}:s")).as("round " + round).isEqualTo("0");
            assertThat(cli("EXISTS", "nova:{" + storeKey + "}:x")).as("round " + round).isEqualTo("1");
        }
        System.out.println("[store-contract] write racing end, 200 rounds: the write landed first in " + writesFirst
                + ", the end in " + endsFirst + "; the session never came back");
        assertThat(writesFirst).isPositive();
        assertThat(endsFirst).isPositive();
    }

    @Test
    void theSharedIdKeyIsKeptOnceWithoutExpiry() {
        String kept = await(store.sharedIdKey("candidate-" + storeKey()));
        assertThat(kept).isNotBlank();
        assertThat(await(store.sharedIdKey("another-" + storeKey()))).isEqualTo(kept);
        assertThat(cli("GET", "nova:id-key")).isEqualTo(kept);
        assertThat(cli("PTTL", "nova:id-key")).isEqualTo("-1");
    }

    /**
     * Twenty logins of one principal at the same moment, each adding its session to the principal index through a
     * compare-and-set: none overwrites another, the entries keep their order, and removing the last one removes the
     * index.
     */
    @Test
    void concurrentUpdatesOfAPrincipalIndexAllLandAndAnEmptyIndexLeavesRedis() {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        // SHA-256 of a principal name, hex, as the session layer makes it
        String principalKey = HexFormat.of().formatHex(hash);
        List<CompletableFuture<Map<String, String>>> logins = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String session = "s" + i;
            logins.add(store.updatePrincipalSessions(principalKey, entries -> {
                entries.put(session, "{\"at\":" + System.nanoTime() + "}");
                return entries;
            }, Duration.ofHours(8)).subscribeAsCompletionStage());
        }
        logins.forEach(CompletableFuture::join);
        Map<String, String> entries = await(store.principalSessions(principalKey));
        assertThat(entries).hasSize(20);
        String index = "nova:principal:{" + principalKey + "}";
        assertThat(Long.parseLong(cli("PTTL", index))).isBetween(Duration.ofHours(7).toMillis(),
                Duration.ofHours(8).toMillis());
        // insertion order survives a round trip through Redis
        List<String> order = new ArrayList<>(entries.keySet());
        Map<String, String> updated = await(store.updatePrincipalSessions(principalKey, current -> {
            current.remove(order.get(0));
            current.put("late", "{}");
            return current;
        }, Duration.ofHours(8)));
        List<String> expected = new ArrayList<>(order.subList(1, order.size()));
        expected.add("late");
        assertThat(new ArrayList<>(updated.keySet())).isEqualTo(expected);
        assertThat(new ArrayList<>(await(store.principalSessions(principalKey)).keySet())).isEqualTo(expected);

        await(store.updatePrincipalSessions(principalKey, current -> new LinkedHashMap<>(), Duration.ofHours(8)));
        assertThat(await(store.principalSessions(principalKey))).isEmpty();
        assertThat(cli("EXISTS", index)).isEqualTo("0");
    }

    /**
     * What operators see (the sessions gauge, the Dev UI): live sessions counted by a scan of the prefix, end markers
     * and other keys left out, and one session's keys and values as stored.
     */
    @Test
    void operatorsSeeTheLiveSessionsCountedAndOneSessionsValues() {
        InspectableStore inspectable = (InspectableStore) store;
        long before = await(inspectable.countSessions());
        String a = storeKey();
        String b = storeKey();
        String c = storeKey();
        await(store.writeValues(a, Map.of("x", "1", NovaSessionStore.LAST_SEEN_KEY, "5"), true));
        await(store.writeValues(b, Map.of("x", "2"), true));
        await(store.writeValues(c, Map.of("x", "3"), true));
        assertThat(await(inspectable.countSessions())).isEqualTo(before + 3);
        await(store.endSession(c));
        assertThat(await(inspectable.countSessions())).isEqualTo(before + 2);
        assertThat(await(inspectable.sessionValues(a))).contains(Map.of("x", "1", NovaSessionStore.LAST_SEEN_KEY, "5"));
        assertThat(await(inspectable.sessionValues(c))).isEmpty();
        assertThat(await(inspectable.sessionValues(storeKey()))).isEmpty();
    }

    /**
     * Another application's keys in the same Redis, one of them looking like a session of another prefix: every
     * operation of the store leaves them as they were, and every key the store made starts with its prefix.
     */
    @Test
    void nothingOutsideTheKeyPrefixIsEverTouched() {
        cli("SET", "foreign:key", "theirs", "PX", "600000");
        cli("HSET", "other:{" + storeKey() + "}:s", "f", "v");
        cli("SET", "novax", "close to the prefix");
        String foreignSession = cli("--scan", "--pattern", "other:*");
        String a = storeKey();
        String b = storeKey();
        await(store.writeValues(a, Map.of("x", "1"), true));
        await(store.getValues(a, List.of("x")));
        await(store.renameSession(a, b));
        await(store.writeValues(b, Map.of("y", "2"), false));
        await(store.deleteValue(b, "y"));
        await(store.endSession(b));
        await(store.sharedIdKey("k-" + storeKey()));

        assertThat(cli("GET", "foreign:key")).isEqualTo("theirs");
        assertThat(Long.parseLong(cli("PTTL", "foreign:key"))).isBetween(590_000L, 600_000L);
        assertThat(cli("HGET", foreignSession, "f")).isEqualTo("v");
        assertThat(cli("PTTL", foreignSession)).isEqualTo("-1");
        assertThat(cli("GET", "novax")).isEqualTo("close to the prefix");
        for (String key : cli("--scan").split("\n")) {
            if (!key.isBlank() && !key.equals("foreign:key") && !key.equals("novax") && !key.startsWith("other:")) {
                assertThat(key).startsWith("nova:");
            }
        }
        cli("DEL", "foreign:key", foreignSession, "novax");
    }

    private static String cli(String... args) {
        return RedisServers.cli(RedisServers.STANDALONE_PORT, args);
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
