import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkiverse.novasession.runtime.SessionIdSigner;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * Heap after GC per session, for 100,000 sessions holding an integer and a short string: this extension's memory store
 * (what the session layer hands it: SHA-256 store keys and JSON text) against Vert.x Web's LocalSessionStore, in the
 * same JVM, measured the same way. Run by bench/run.sh with the demo's class path.
 */
public class HeapPerSession {

    private static final int SESSIONS = 100_000;

    public static void main(String[] args) throws Exception {
        SessionIdSigner ids = SessionIdSigner.withRandomKey();
        long before = usedAfterGc();
        MemoryNovaSessionStore ours = new MemoryNovaSessionStore();
        for (int i = 0; i < SESSIONS; i++) {
            String key = SessionIds.storeKey(ids.generate());
            ours.setValue(key, "count", String.valueOf(i % 1000)).await().indefinitely();
            ours.setValue(key, "name", "\"alice\"").await().indefinitely();
        }
        long oursBytes = usedAfterGc() - before;
        keep(ours);

        Vertx vertx = Vertx.vertx();
        LocalSessionStore peer = LocalSessionStore.create(vertx, "bench", 3_600_000);
        before = usedAfterGc();
        CountDownLatch stored = new CountDownLatch(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            Session session = peer.createSession(3_600_000);
            session.put("count", i % 1000);
            session.put("name", "alice");
            peer.put(session).onComplete(done -> stored.countDown());
        }
        stored.await();
        long peerBytes = usedAfterGc() - before;
        keep(peer);

        System.out.printf("heap per session, %,d sessions of {count: int, name: \"alice\"}%n", SESSIONS);
        System.out.printf("  nova-session memory store : %6.0f bytes%n", (double) oursBytes / SESSIONS);
        System.out.printf("  Vert.x LocalSessionStore  : %6.0f bytes%n", (double) peerBytes / SESSIONS);
        System.out.printf("  ratio                     : %6.2f%n", (double) oursBytes / peerBytes);
        vertx.close();
    }

    private static final List<Object> KEEP = new ArrayList<>();

    private static void keep(Object o) {
        KEEP.add(o);
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
