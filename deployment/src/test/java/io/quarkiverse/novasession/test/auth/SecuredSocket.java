package io.quarkiverse.novasession.test.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;

/**
 * WebSocket endpoints secured by the session: the handshake carries the session cookie.
 */
public class SecuredSocket {

    @WebSocket(path = "/ws/user")
    @Authenticated
    public static class UserSocket {

        @Inject
        SecurityIdentity identity;

        @OnOpen
        public String open() {
            return "hello " + identity.getPrincipal().getName();
        }

        @OnTextMessage
        public String echo(String message) {
            return identity.getPrincipal().getName() + ": " + message;
        }
    }

    @WebSocket(path = "/ws/admin")
    @RolesAllowed("admin")
    public static class AdminSocket {

        @Inject
        SecurityIdentity identity;

        @OnOpen
        public String open() {
            return "admin " + identity.getPrincipal().getName();
        }
    }
}
