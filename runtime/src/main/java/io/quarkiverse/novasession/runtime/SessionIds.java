package io.quarkiverse.novasession.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What is done with a session id besides issuing and checking it ({@link SessionIdSigner}): the key stores keep it
 * under, and the short form logs show.
 */
public final class SessionIds {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int REDACTED_PREFIX = 6;
    // one digest per thread: looking the algorithm up on every request showed in the read path's profile
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private SessionIds() {
    }

    /**
     * The key a store keeps a session under: SHA-256 of the id, base64url. Stores never see the cookie value itself, so
     * a dump of a store, or of its logs, reveals no session id that a browser could replay.
     */
    public static String storeKey(String id) {
        byte[] digest = SHA_256.get().digest(id.getBytes(StandardCharsets.US_ASCII));
        return ENCODER.encodeToString(digest);
    }

    /**
     * @return the id cut to a prefix that identifies it in a log without letting anyone reuse it
     */
    public static String redact(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() <= REDACTED_PREFIX ? "***" : id.substring(0, REDACTED_PREFIX) + "***";
    }

    static int indexOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        if (c == '_') {
            return 63;
        }
        return -1;
    }

}
