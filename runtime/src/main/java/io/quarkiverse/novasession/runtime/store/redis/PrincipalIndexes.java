package io.quarkiverse.novasession.runtime.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.quarkiverse.novasession.NovaSessionStoreException;
import io.quarkiverse.novasession.runtime.store.PrincipalIndexJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The principal index of authentication on sessions, in Redis beside the sessions: one string per principal under
 * {@code <prefix>principal:{<principal key>}}, a JSON object of store key to what the session layer keeps for it (in
 * the order the entries were added), changed only by a compare-and-set script, so that logins of one principal on
 * several instances never overwrite each other's entries. Each index gets a time to live on every change: once its
 * sessions are gone, it leaves Redis on its own.
 */
final class PrincipalIndexes {

    private static final int MAX_ATTEMPTS = 64;

    /**
     * KEYS: the index. ARGV: the text it was read with ('' for absent), the new text ('' to remove it), its time to
     * live in ms. Answers 1 when written, 0 when somebody changed the index since it was read (nothing written).
     */
    static final Script COMPARE_AND_SET = new Script("""
            local current = redis.call('GET', KEYS[1])
            if current == false then current = '' end
            if current ~= ARGV[1] then return 0 end
            if ARGV[2] == '' then
              redis.call('DEL', KEYS[1])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
            return 1
            """);

    private final Redis redis;
    private final String prefix;
    private final Function<Uni<Response>, Uni<Response>> call;

    /**
     * @param call what every call to Redis goes through (the store's failure bookkeeping)
     */
    PrincipalIndexes(Redis redis, String prefix, Function<Uni<Response>, Uni<Response>> call) {
        this.redis = redis;
        this.prefix = prefix;
        this.call = call;
    }

    String key(String principalKey) {
        return prefix + "principal:{" + principalKey + "}";
    }

    Uni<Map<String, String>> entries(String principalKey) {
        return read(key(principalKey)).map(PrincipalIndexJson::parse);
    }

    Uni<Map<String, String>> update(String principalKey, UnaryOperator<Map<String, String>> change, Duration lifespan) {
        return attempt(key(principalKey), change, Long.toString(Math.max(1, lifespan.toMillis())), 1);
    }

    private Uni<String> read(String key) {
        return call.apply(redis.send(Request.cmd(Command.GET).arg(key)))
                .map(found -> found == null ? null : found.toString());
    }

    private Uni<Map<String, String>> attempt(String key, UnaryOperator<Map<String, String>> change, String ttlMillis,
            int attempt) {
        return read(key).chain(found -> {
            Map<String, String> next = change.apply(PrincipalIndexJson.parse(found));
            String text = next.isEmpty() ? "" : PrincipalIndexJson.text(next);
            return call.apply(COMPARE_AND_SET.run(redis, List.of(key), List.of(found == null ? "" : found, text,
                    ttlMillis))).chain(written -> {
                        if (written.toLong() == 1) {
                            return Uni.createFrom().item(next);
                        }
                        if (attempt >= MAX_ATTEMPTS) {
                            return Uni.createFrom().failure(new NovaSessionStoreException("The principal index "
                                    + "changed " + MAX_ATTEMPTS + " times while this login tried to update it", null));
                        }
                        return attempt(key, change, ttlMillis, attempt + 1);
                    });
        });
    }
}
