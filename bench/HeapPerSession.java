import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.SessionIdSigner;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.LocalSessionStore;

/**
 * Heap after GC per session, for 100,000 sessions holding an integer and a short string: this extension's memory store
 * against Vert.x Web's LocalSessionStore, in the same JVM, measured the same way (used heap after full GCs, before and
 * after filling the store, divided by the number of sessions).
 * <p>
 * Each store gets what it gets in an application. Ours: what the session layer hands it, the store key of a real id
 * (SHA-256, base64url, 43 characters), the JSON text Jackson writes ({@code 42} and {@code "alice"}), a new String
 * per value, and the last-seen time the session layer keeps in every session (it enforces the idle timeout with it). Vert.x: a session created by the store (its own 32-character id), holding the int (an Integer, from
 * Integer's cache like any autoboxed 42) and a String read from a request (a new String per session). Key names are
 * literals, shared by every session in both.
 * <p>
 * Run by bench/run.sh with the class path of the packaged benchmark application, bench/app (java HeapPerSession.java,
 * JDK 11+ single-file launch).
 */
public class HeapPerSession {

    private static final int SESSIONS = Integer.getInteger("sessions", 100_000);
    private static final long TIMEOUT_MS = 30 * 60 * 1000;
    private static final char[] ALICE = "alice".toCharArray();

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        SessionIdSigner ids = SessionIdSigner.withRandomKey();
        Vertx vertx = Vertx.vertx();
        // everything both measurements need is loaded and initialised before the first one
        mapper.writeValueAsString(new String(ALICE));
        SessionIds.storeKey(ids.generate());
        LocalSessionStore.create(vertx, "warm-up", TIMEOUT_MS).createSession(TIMEOUT_MS).put("x", 1);

        long before = usedAfterGc();
        MemoryNovaSessionStore ours = new MemoryNovaSessionStore();
        for (int i = 0; i < SESSIONS; i++) {
            String key = SessionIds.storeKey(ids.generate());
            // as the session layer writes a new session: its first value with its last-seen time
            Map<String, String> first = new LinkedHashMap<>();
            first.put(NovaSessionStore.LAST_SEEN_KEY, Long.toString(System.currentTimeMillis()));
            first.put("count", mapper.writeValueAsString(42));
            ours.setValues(key, first).await().indefinitely();
            ours.setValue(key, "name", mapper.writeValueAsString(new String(ALICE))).await().indefinitely();
        }
        double oursBytes = (double) (usedAfterGc() - before) / SESSIONS;
        if (ours.size() != SESSIONS) {
            throw new IllegalStateException("memory store holds " + ours.size() + " sessions");
        }
        ours = null;

        before = usedAfterGc();
        LocalSessionStore peer = LocalSessionStore.create(vertx, "bench", TIMEOUT_MS);
        CountDownLatch stored = new CountDownLatch(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            Session session = peer.createSession(TIMEOUT_MS);
            session.put("count", 42);
            session.put("name", new String(ALICE));
            peer.put(session).onComplete(done -> stored.countDown());
        }
        stored.await();
        double peerBytes = (double) (usedAfterGc() - before) / SESSIONS;
        Session one = peer.createSession(TIMEOUT_MS);
        int peerSize = peer.size().toCompletionStage().toCompletableFuture().get();
        if (peerSize != SESSIONS) {
            throw new IllegalStateException("LocalSessionStore holds " + peerSize + " sessions");
        }

        System.out.printf("heap per session after GC, %,d sessions of {count: 42, name: \"alice\"} (%s, %s)%n", SESSIONS,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf("  nova-session MemoryNovaSessionStore : %4.0f bytes%n", oursBytes);
        System.out.printf("  Vert.x Web LocalSessionStore        : %4.0f bytes (%s, ids of %d characters)%n", peerBytes,
                io.vertx.core.impl.VertxImpl.class.getPackage().getImplementationVersion(), one.id().length());
        System.out.printf("  ratio ours / Vert.x                 : %4.2f%n", oursBytes / peerBytes);
        peer.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
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
            Thread.sleep(100);
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
