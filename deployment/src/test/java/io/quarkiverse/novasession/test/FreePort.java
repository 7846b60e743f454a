package io.quarkiverse.novasession.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A port free on this machine now, for a dev-mode test application: dev mode listens on {@code quarkus.http.port}
 * (8080 unless told otherwise), and other builds may run on this machine.
 */
final class FreePort {

    private FreePort() {
    }

    static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
