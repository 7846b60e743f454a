package io.quarkiverse.novasession.runtime;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The form of session ids: 256 bits from {@link SecureRandom}, base64url without padding, always
 * {@value #LENGTH} characters. Everything that issues, checks or logs an id goes through here.
 */
public final class SessionIds {

    static final int RANDOM_BYTES = 32;
    /** 32 bytes in base64url without padding. */
    public static final int LENGTH = 43;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int REDACTED_PREFIX = 6;

    private SessionIds() {
    }

    /**
     * @return a new id
     */
    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether a value is an id of the form {@link #generate()} produces: {@value #LENGTH} base64url characters whose
     * last one carries no bits beyond the 256 (so every id has exactly one spelling).
     */
    public static boolean isWellFormed(CharSequence value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        // 43 characters hold 258 bits: the two lowest bits of the last one are padding and must be zero
        return (indexOf(value.charAt(LENGTH - 1)) & 0b11) == 0;
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

    private static int indexOf(char c) {
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
