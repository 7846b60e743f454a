package io.quarkiverse.novasession.it.infinispan.cluster;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test resource for a real two-node Infinispan Server cluster (nodes 1 and 2 of {@code infinispan/cluster.sh}):
 *
 * <pre>
 * &#64;QuarkusTestResource(InfinispanClusterResource.class)   // or &#64;WithTestResource
 * </pre>
 *
 * {@link #start()} fetches the server if needed and starts the nodes that do not run yet; nodes that already run when
 * this JVM first looks (for example started by hand or by CI with {@code infinispan/cluster.sh start}) are used as they
 * are and never stopped by this JVM (if a test kills one, the next {@link #start()} brings it back and leaves it
 * running).
 * <p>
 * The cluster is shared by every test class of the JVM: Quarkus calls {@link #start()} and {@link #stop()} around
 * each application start, and restarting the cluster each time would cost 10-20 s. So {@link #stop()} only counts
 * users down; the nodes this JVM started are stopped by a shutdown hook when the JVM exits. A test that killed or
 * stopped a node gets it back at the next {@link #start()}.
 * <p>
 * The bookkeeping is JVM-wide, not per class: Quarkus loads this class again in the class loader of each application
 * (for example for each test profile), so the state is kept in system properties and the lock is an interned string.
 */
public class InfinispanClusterResource implements QuarkusTestResourceLifecycleManager {

    private static final System.Logger LOG = System.getLogger(InfinispanClusterResource.class.getName());

    // JVM-wide state, shared by the copies of this class in the class loaders of the Quarkus applications:
    // a string literal is the same object in every class loader, system properties exist once per JVM
    private static final Object LOCK = "io.quarkiverse.novasession.it.infinispan.cluster.InfinispanClusterResource.lock";
    private static final String PREFIX = "nova.infinispan-cluster.";
    /** Nodes this JVM started and stops when it exits. */
    private static final String STARTED = PREFIX + "started-by-this-jvm";
    /** Nodes that already ran when this JVM first looked: never stopped, even if a test killed and we restarted them. */
    private static final String FOUND_RUNNING = PREFIX + "found-running";
    private static final String USERS = PREFIX + "users";
    private static final String HOOK = PREFIX + "shutdown-hook";

    private boolean counted;

    @Override
    public Map<String, String> start() {
        synchronized (LOCK) {
            InfinispanCluster c = cluster();
            c.fetch();
            for (int node : InfinispanCluster.DEFAULT_NODES) {
                Set<Integer> started = nodes(STARTED);
                Set<Integer> foundRunning = nodes(FOUND_RUNNING);
                boolean known = started.contains(node) || foundRunning.contains(node);
                if (c.isRunning(node)) {
                    if (!known) {
                        LOG.log(Level.INFO, "Infinispan node {0} is already running: using it as it is", node);
                        foundRunning.add(node);
                        setNodes(FOUND_RUNNING, foundRunning);
                    }
                    continue;
                }
                addShutdownHook(c);
                c.start(node);
                if (!foundRunning.contains(node)) {
                    started.add(node);
                    setNodes(STARTED, started);
                }
            }
            if (!counted) {
                counted = true;
                System.setProperty(USERS, Integer.toString(users() + 1));
            }
        }
        return Map.of(
                "quarkus.infinispan-client.hosts", InfinispanCluster.hosts(),
                "quarkus.infinispan-client.username", InfinispanCluster.USERNAME,
                "quarkus.infinispan-client.password", InfinispanCluster.PASSWORD,
                "quarkus.infinispan-client.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        synchronized (LOCK) {
            if (counted) {
                counted = false;
                System.setProperty(USERS, Integer.toString(users() - 1));
            }
        }
    }

    /** The cluster this resource drives (found from the current directory). */
    public static InfinispanCluster cluster() {
        return InfinispanCluster.locate();
    }

    /** Nodes this JVM started and will stop when it exits. */
    public static Set<Integer> nodesStartedByThisJvm() {
        synchronized (LOCK) {
            return Set.copyOf(nodes(STARTED));
        }
    }

    /** Number of resource instances between {@link #start()} and {@link #stop()}, JVM-wide. */
    static int users() {
        return Integer.parseInt(System.getProperty(USERS, "0"));
    }

    /** Stops the nodes this JVM started; called by the shutdown hook. */
    static void stopNodesStartedByThisJvm(InfinispanCluster c) {
        synchronized (LOCK) {
            Set<Integer> started = nodes(STARTED);
            if (started.isEmpty()) {
                return;
            }
            try {
                c.stop(started.stream().mapToInt(Integer::intValue).toArray());
            } catch (RuntimeException e) {
                System.err.println("[InfinispanClusterResource] could not stop Infinispan nodes " + started + ": " + e);
            }
            setNodes(STARTED, new TreeSet<>());
        }
    }

    private static void addShutdownHook(InfinispanCluster c) {
        if (System.getProperty(HOOK) == null) {
            System.setProperty(HOOK, "true");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopNodesStartedByThisJvm(c), "infinispan-cluster-stop"));
        }
    }

    private static Set<Integer> nodes(String property) {
        String value = System.getProperty(property, "");
        return Arrays.stream(value.split(",")).filter(v -> !v.isBlank()).map(Integer::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void setNodes(String property, Set<Integer> nodes) {
        System.setProperty(property, nodes.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }
}
