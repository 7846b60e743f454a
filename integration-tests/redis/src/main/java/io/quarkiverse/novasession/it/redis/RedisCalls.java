package io.quarkiverse.novasession.it.redis;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The round trips the application made through its default Redis client, by command, counted by
 * {@link CountingRedis} as they leave for the server: what a request costs Redis, measured outside the session store.
 * A retried {@code EVALSHA} that the server did not know and that went again as {@code EVAL} counts twice, as it costs
 * two round trips.
 */
public final class RedisCalls {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void called(String command) {
        counts.computeIfAbsent(command, k -> new LongAdder()).increment();
    }

    /**
     * @return the round trips of each command made so far, by command name; commands never sent are absent
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((command, count) -> snapshot.put(command, count.sum()));
        return snapshot;
    }

    /**
     * The application's default client, counting: a {@code send} is one round trip, a {@code batch} one for all its
     * commands (they are pipelined).
     */
    static final class CountingRedis extends Redis {

        private final RedisCalls calls;

        CountingRedis(io.vertx.redis.client.Redis delegate, RedisCalls calls) {
            super(delegate);
            this.calls = calls;
        }

        @Override
        public Uni<Response> send(Request request) {
            return Uni.createFrom().deferred(() -> {
                calls.called(request.getDelegate().command().toString().toUpperCase());
                return super.send(request);
            });
        }

        @Override
        public Uni<List<Response>> batch(List<Request> requests) {
            return Uni.createFrom().deferred(() -> {
                calls.called("BATCH");
                return super.batch(requests);
            });
        }
    }
}
