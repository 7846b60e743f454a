package io.quarkiverse.novasession.it;

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
public final class AppInstance implements AutoCloseable {

    private final int port;
    private final Process process;

    private AppInstance(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    public static AppInstance start(int port, String... systemProperties) throws IOException, InterruptedException {
        AppInstance instance = new AppInstance(port, launch(port, systemProperties));
        instance.awaitReady(Duration.ofSeconds(90));
        return instance;
    }

    /**
     * @return what this instance logged so far
     */
    public String log() throws IOException {
        return java.nio.file.Files.readString(log(port));
    }

    private static Path log(int port) {
        return Path.of("target", "instance-" + port + ".log");
    }

    private static Process launch(int port, String... systemProperties) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package the application first");
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(javaBinary(), "-Xmx256m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(java.util.List.of(systemProperties));
        command.addAll(java.util.List.of("-jar", jar.toString()));
        File logFile = log(port).toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile).start();
    }

    public String baseUri() {
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
