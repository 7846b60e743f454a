package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * A real WebSocket client ({@code java.net.http}) on Quarkus WebSockets Next endpoints secured with
 * {@code @Authenticated} and {@code @RolesAllowed}: the session's identity authenticates the handshake and is the
 * {@code SecurityIdentity} of the callbacks.
 */
class WebSocketSecuredBySessionTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addClasses(AuthApps.class, AuthEndpoints.class, Visitor.class, SecuredSocket.class,
                    SecuredSocket.UserSocket.class, SecuredSocket.AdminSocket.class)
            .addAsResource(new StringAsset("quarkus.nova-session.auth.enabled=true\n"), "application.properties"));

    @TestHTTPResource("/")
    URL root;

    @Test
    void aLoggedInSessionOpensTheSocketAndIsItsIdentity() throws Exception {
        Visitor alice = Visitor.fresh();
        alice.login("alice", "user");
        Messages messages = new Messages();
        WebSocket socket = connect("/ws/user", alice.cookie(), messages).join();
        assertThat(messages.next()).isEqualTo("hello alice");
        socket.sendText("hi", true).join();
        assertThat(messages.next()).isEqualTo("alice: hi");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void withoutALoginOrWithoutTheRoleTheHandshakeIsRefused() throws Exception {
        assertThat(handshakeStatus("/ws/user", null)).isEqualTo(401);
        Visitor anonymous = Visitor.fresh();
        assertThat(handshakeStatus("/ws/user", anonymous.cookie())).isEqualTo(401);
        Visitor alice = Visitor.fresh();
        alice.login("alice", "user");
        assertThat(handshakeStatus("/ws/admin", alice.cookie())).isEqualTo(403);

        Visitor bob = Visitor.fresh();
        bob.login("bob", "user,admin");
        Messages messages = new Messages();
        connect("/ws/admin", bob.cookie(), messages).join();
        assertThat(messages.next()).isEqualTo("admin bob");
    }

    @Test
    void afterLogoutTheCopiedCookieNoLongerOpensTheSocket() throws Exception {
        Visitor alice = Visitor.fresh();
        alice.login("alice", "user");
        String copied = alice.cookie();
        alice.keep(alice.request().post("/auth/logout"));
        assertThat(handshakeStatus("/ws/user", copied)).isEqualTo(401);
    }

    private int handshakeStatus(String path, String cookie) throws Exception {
        try {
            connect(path, cookie, new Messages()).join();
            return 101;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private CompletionStage<WebSocket> connectStage(String path, String cookie, Messages messages) {
        URI uri = URI.create(root.toString().replaceFirst("^http", "ws") + path.substring(1));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (cookie != null) {
            builder.header("Cookie", "session_id=" + cookie);
        }
        return builder.buildAsync(uri, messages);
    }

    private java.util.concurrent.CompletableFuture<WebSocket> connect(String path, String cookie, Messages messages) {
        return connectStage(path, cookie, messages).toCompletableFuture();
    }

    private static final class Messages implements WebSocket.Listener {

        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }
    }
}
