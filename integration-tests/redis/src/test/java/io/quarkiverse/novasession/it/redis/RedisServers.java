package io.quarkiverse.novasession.it.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Java front end of {@code integration-tests/redis-server/redis.sh}: real Redis servers, one process each, bound to
 * 127.0.0.1, stopped by the PIDs the script records. The standalone server listens on {@value #STANDALONE_PORT}, the
 * cluster's nodes on {@link #CLUSTER_PORTS}. Servers this JVM started are stopped when it exits; servers that already
 * ran are used as they are and left running.
 */
public final class RedisServers {

    public static final int STANDALONE_PORT = 6391;
    public static final int[] CLUSTER_PORTS = { 7301, 7302, 7303, 7304, 7305, 7306 };
    static final String SCRIPT = "integration-tests/redis-server/redis.sh";

    private static final Object LOCK = "io.quarkiverse.novasession.it.redis.RedisServers.lock";
    private static final String STARTED = "nova.redis-servers.started-by-this-jvm";

    private RedisServers() {
    }

    public static String standaloneHosts() {
        return "redis://127.0.0.1:" + STANDALONE_PORT;
    }

    public static String clusterHosts() {
        StringBuilder hosts = new StringBuilder();
        for (int port : CLUSTER_PORTS) {
            hosts.append(hosts.length() == 0 ? "" : ",").append("redis://127.0.0.1:").append(port);
        }
        return hosts.toString();
    }

    /** Starts the standalone server unless it runs. */
    public static void startStandalone() {
        start("standalone", STANDALONE_PORT);
    }

    /** Starts the cluster (3 masters, 3 replicas) unless it runs and is healthy. */
    public static void startCluster() {
        start("cluster", CLUSTER_PORTS[0]);
    }

    private static void start(String what, int port) {
        synchronized (LOCK) {
            boolean wasRunning = isRunning(port);
            run("start", what);
            if (!wasRunning) {
                markStarted(what);
            }
        }
    }

    public static void stop(int... ports) {
        run("stop", ports(ports));
    }

    public static void kill(int... ports) {
        run("kill", ports(ports));
    }

    public static void restart(int... ports) {
        run("restart", ports(ports));
    }

    public static boolean isRunning(int port) {
        return exec("status", String.valueOf(port)) == 0;
    }

    /** The PID the script recorded for the server on {@code port}. */
    public static String pid(int port) throws IOException {
        return Files.readString(projectRoot().resolve("integration-tests/redis-server/target/" + port + "/redis.pid"))
                .trim();
    }

    /** Runs {@code redis-cli} against the server on {@code port}; its output, trimmed. */
    public static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void markStarted(String what) {
        String started = System.getProperty(STARTED, "");
        if (started.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (String server : System.getProperty(STARTED, "").split(",")) {
                    if (!server.isBlank()) {
                        exec("stop", server);
                    }
                }
            }, "redis-servers-stop"));
        }
        if (!Arrays.asList(started.split(",")).contains(what)) {
            System.setProperty(STARTED, started.isEmpty() ? what : started + "," + what);
        }
    }

    private static String[] ports(int... ports) {
        return Arrays.stream(ports).mapToObj(String::valueOf).toArray(String[]::new);
    }

    private static void run(String command, String... args) {
        int rc = exec(command, args);
        if (rc != 0) {
            throw new IllegalStateException(SCRIPT + " " + command + " " + String.join(" ", args) + " failed with "
                    + rc);
        }
    }

    private static int exec(String command, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", projectRoot().resolve(SCRIPT).toString(), command));
        cmd.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
            }
            if (!out.isBlank() && !command.equals("status")) {
                System.out.println("[redis.sh] " + out.trim().replace("\n", "\n[redis.sh] "));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path projectRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException("no " + SCRIPT + " in the current directory or a parent");
    }
}
