package io.quarkiverse.novasession.runtime.store.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script the store runs on the server: one round trip, and Redis runs nothing else meanwhile, so what the script
 * checks still holds when it writes. Sent as {@code EVALSHA}; a server that does not know the script yet (a restarted
 * one, another node of a cluster) answers {@code NOSCRIPT}, and the script is then sent whole with {@code EVAL}, which
 * also caches it there.
 */
final class Script {

    private final String source;
    private final String sha;

    Script(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param keys the Redis keys the script touches (all of one session: one slot)
     * @param args its other arguments
     */
    Uni<Response> run(Redis redis, List<String> keys, List<String> args) {
        return redis.send(request(Command.EVALSHA, sha, keys, args))
                .onFailure(Script::unknownScript)
                .recoverWithUni(() -> redis.send(request(Command.EVAL, source, keys, args)));
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        for (String key : keys) {
            request.arg(key);
        }
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    /**
     * Reads fields of a live session. KEYS: session, marker. ARGV: the fields. Answers -1 for an ended session,
     * otherwise one element per field, nil where absent.
     */
    static final Script READ = new Script("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
            local values = {}
            for i = 1, #ARGV do values[i] = redis.call('HGET', KEYS[1], ARGV[i]) end
            return values
            """);

    /**
     * The session layer's write. KEYS: session, marker. ARGV: may create (1/0), time to live in ms, the last-seen key
     * (not counted by max-keys), max-keys, then field, value pairs. Answers {-1} when the session ended (or is absent
     * and may not be created), {-2, application keys held, one 1/0 per written field for "held already"} when the write would
     * take it past max-keys (nothing written), otherwise {1} if it created the session, {0} if not.
     */
    static final Script WRITE = new Script("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return {-1} end
            local exists = redis.call('EXISTS', KEYS[1])
            if exists == 0 and ARGV[1] == '0' then return {-1} end
            local held = {}
            local added = 0
            for i = 5, #ARGV, 2 do
              local present = redis.call('HEXISTS', KEYS[1], ARGV[i])
              held[#held + 1] = present
              if present == 0 and ARGV[i] ~= ARGV[3] then added = added + 1 end
            end
            if added > 0 then
              local size = redis.call('HLEN', KEYS[1])
              local counted = size - redis.call('HEXISTS', KEYS[1], ARGV[3])
              if counted + added > tonumber(ARGV[4]) then
                local refusal = {-2, counted}
                for i = 1, #held do refusal[#refusal + 1] = held[i] end
                return refusal
              end
            end
            for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return {1 - exists}
            """);

    /**
     * Ends a live session. KEYS: session, marker. ARGV: the marker's time to live in ms. Answers 1 if there was a live
     * session, 0 (nothing written) if not.
     */
    static final Script END = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
            return 1
            """);

    /**
     * First step of a rotation, on the old id: ends it and sets its data aside for the move. KEYS: session, marker,
     * moving. ARGV: the marker's time to live in ms. Answers nil when there is no live session, otherwise its fields
     * and values (HGETALL).
     */
    static final Script SEAL = new Script("""
            if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[1]) == 0 then return false end
            redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
            redis.call('RENAME', KEYS[1], KEYS[3])
            return redis.call('HGETALL', KEYS[3])
            """);

    /**
     * Second step of a rotation, on the new id: the moved data, unless the new id is taken. KEYS: session, marker.
     * ARGV: time to live in ms, then field, value pairs. Answers 1 when written, 0 when the id was taken.
     */
    static final Script MOVE_IN = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return 1
            """);

    /**
     * Undoes {@link #SEAL} when the move could not be completed: the session goes back under its old id, as it was.
     * KEYS: session, marker, moving.
     */
    static final Script UNSEAL = new Script("""
            if redis.call('EXISTS', KEYS[3]) == 0 then return 0 end
            redis.call('RENAME', KEYS[3], KEYS[1])
            redis.call('DEL', KEYS[2])
            return 1
            """);
}
