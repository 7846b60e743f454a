package io.quarkiverse.novasession.it.infinispan.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Java front end of {@code integration-tests/infinispan-server/cluster.sh}: a real Infinispan Server cluster, one plain
 * Java process per node, bound to 127.0.0.1 only.
 * <p>
 * Node {@code n} serves Hot Rod and REST on port {@code 11222 + 100 * (n - 1)}; credentials are {@value #USERNAME} /
 * {@value #PASSWORD}. Logs are in {@code integration-tests/infinispan-server/target/ispn/node<n>.out}.
 * <p>
 * The project root is found by walking up from the current directory until {@value #SCRIPT} exists, or taken from the
 * system property {@value #ROOT_PROPERTY}.
 */
public final class InfinispanCluster {

    public static final String SCRIPT = "integration-tests/infinispan-server/cluster.sh";
    public static final String ROOT_PROPERTY = "nova.infinispan-cluster.project-root";
    public static final String USERNAME = "admin";
    public static final String PASSWORD = "password";
    public static final String HOST = "127.0.0.1";
    /** The nodes {@link #start(int...)} and {@link #hosts()} use by default. */
    public static final int[] DEFAULT_NODES = { 1, 2 };

    private static final System.Logger LOG = System.getLogger(InfinispanCluster.class.getName());
    private static final long FETCH_TIMEOUT_MINUTES = 20;
    private static final long TIMEOUT_MINUTES = 10;

    private final Path projectRoot;

    public InfinispanCluster(Path projectRoot) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.projectRoot.resolve(SCRIPT))) {
            throw new IllegalArgumentException("no " + SCRIPT + " in " + this.projectRoot);
        }
    }

    /** The cluster of the project that contains the current directory (or {@value #ROOT_PROPERTY}). */
    public static InfinispanCluster locate() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root != null && !root.isBlank()) {
            return new InfinispanCluster(Paths.get(root));
        }
        return new InfinispanCluster(findProjectRoot(Paths.get("").toAbsolutePath()));
    }

    static Path findProjectRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " in " + start.toAbsolutePath() + " or any parent directory; set -D"
                + ROOT_PROPERTY + "=<project root>");
    }

    public Path projectRoot() {
        return projectRoot;
    }

    public Path script() {
        return projectRoot.resolve(SCRIPT);
    }

    /** Console log of node {@code n} (rewritten at each start of that node). */
    public Path logFile(int node) {
        return projectRoot.resolve("integration-tests/infinispan-server/target/ispn/node" + node + ".out");
    }

    /** Downloads the server jars unless they are already there. */
    public void fetch() {
        run(FETCH_TIMEOUT_MINUTES, "fetch");
    }

    /**
     * Starts the given nodes (default {@link #DEFAULT_NODES}) unless they run already, and returns once each of them has
     * started and every running node sees all of them in its cluster view.
     */
    public void start(int... nodes) {
        run(FETCH_TIMEOUT_MINUTES + TIMEOUT_MINUTES, "start", nodes);
    }

    /** Stops the given nodes (default: every node the script recorded) with SIGTERM, SIGKILL after 30 s. */
    public void stop(int... nodes) {
        run(TIMEOUT_MINUTES, "stop", nodes);
    }

    /** Kills the given nodes with SIGKILL (crash simulation). */
    public void kill(int node, int... more) {
        int[] nodes = new int[more.length + 1];
        nodes[0] = node;
        System.arraycopy(more, 0, nodes, 1, more.length);
        run(TIMEOUT_MINUTES, "kill", nodes);
    }

    /** Whether node {@code n} runs as the process the script started and recorded. */
    public boolean isRunning(int node) {
        return exec(TIMEOUT_MINUTES, false, "status", node) == 0;
    }

    public static int hotRodPort(int node) {
        if (node < 1 || node > 9) {
            throw new IllegalArgumentException("node must be 1..9: " + node);
        }
        return 11222 + 100 * (node - 1);
    }

    /**
     * Hot Rod server list for the given nodes (default {@link #DEFAULT_NODES}), e.g. {@code 127.0.0.1:11222;127.0.0.1:11322}.
     */
    public static String hosts(int... nodes) {
        int[] list = nodes.length == 0 ? DEFAULT_NODES : nodes;
        return Arrays.stream(list).mapToObj(n -> HOST + ":" + hotRodPort(n)).collect(Collectors.joining(";"));
    }

    private void run(long timeoutMinutes, String command, int... nodes) {
        int rc = exec(timeoutMinutes, true, command, nodes);
        if (rc != 0) {
            throw new IllegalStateException(SCRIPT + " " + command + " " + Arrays.toString(nodes) + " failed with exit code "
                    + rc + " (see the output above and "
                    + projectRoot.resolve("integration-tests/infinispan-server/target/ispn") + ")");
        }
    }

    private int exec(long timeoutMinutes, boolean logOutput, String command, int... nodes) {
        List<String> cmd = new ArrayList<>(List.of("bash", script().toString(), command));
        for (int n : nodes) {
            cmd.add(Integer.toString(n));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectRoot.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (logOutput) {
                            LOG.log(Level.INFO, line);
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "infinispan-cluster-" + command);
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                // only the script itself: the nodes it starts run in their own session
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeoutMinutes + " min");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        }
    }
}
