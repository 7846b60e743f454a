package io.quarkiverse.novasession.bench;

import java.lang.management.ManagementFactory;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.vertx.ext.web.Router;

/**
 * Heap per session end to end (bench/run.sh): {@code GET /bench/heap} answers the used heap after full GCs and how many
 * sessions each store holds, {@code <bytes> <ours> <peer>}. The benchmark reads it, creates sessions through HTTP
 * ({@code /bench/create}, {@code /peer/create}, polling {@code GET /bench/sessions} to know when they are made), and
 * reads it again. It runs before the filters and on a worker thread:
 * it touches no session and blocks while it collects.
 */
@Singleton
public class HeapRoutes {

    @Inject
    Instance<MemoryNovaSessionStore> ours;

    @Inject
    VertxSessionPeerRoutes peer;

    void routes(@Observes Router router) {
        // how many sessions each store holds, without collecting: the benchmark polls it while it creates sessions
        router.get("/bench/sessions").order(BenchmarkRoutes.BEFORE_FILTERS).blockingHandler(ctx -> {
            try {
                long oursSessions = ours.isResolvable() ? ours.get().size() : 0;
                int peerSessions = peer.store().size().toCompletionStage().toCompletableFuture().get();
                ctx.end(oursSessions + " " + peerSessions);
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
        router.get("/bench/heap").order(BenchmarkRoutes.BEFORE_FILTERS).blockingHandler(ctx -> {
            try {
                long used = usedAfterGc();
                long oursSessions = ours.isResolvable() ? ours.get().size() : -1;
                int peerSessions = peer.store().size().toCompletionStage().toCompletableFuture().get();
                ctx.end(used + " " + oursSessions + " " + peerSessions);
            } catch (Exception e) {
                ctx.fail(e);
            }
        });
    }

    /**
     * The heap the last full GC left, summed over the heap's pools (each pool's usage right after its last
     * collection): what the application allocates between the collection and the reading does not count. Repeated
     * until a collection frees nothing more (finalizers, soft references, timers).
     */
    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(200);
            long now = 0;
            for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    now += pool.getCollectionUsage().getUsed();
                }
            }
            if (i >= 3 && now >= used) {
                return now;
            }
            used = Math.min(used, now);
        }
        return used;
    }
}
