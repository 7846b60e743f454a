package io.quarkiverse.novasession.it.infinispan;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One instance of the packaged demo application, a separate JVM on its own port of 127.0.0.1.
 */
final class AppInstance implements AutoCloseable {

    private final int port;
    private final Process process;

    private AppInstance(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static AppInstance start(int port) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package the application first");
        }
        File log = Path.of("target", "instance-" + port + ".log").toFile();
        Process process = new ProcessBuilder(javaBinary(), "-Xmx256m", "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log).start();
        AppInstance instance = new AppInstance(port, process);
        instance.awaitReady(Duration.ofSeconds(90));
        return instance;
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Instance on port " + port + " exited: see target/instance-" + port + ".log");
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(baseUri() + "/hello").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("Instance on port " + port + " not ready after " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
