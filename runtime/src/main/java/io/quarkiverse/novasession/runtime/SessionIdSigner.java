package io.quarkiverse.novasession.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues session ids and recognises the ones this application issued, without asking any store: an id is 24 bytes
 * from {@link SecureRandom} (192 bits) followed by the first 16 bytes of their HMAC-SHA256 under the signing key,
 * base64url without padding: always {@value #LENGTH} characters. An id a client made up, even well-formed, fails the MAC
 * and is never adopted.
 * <p>
 * Several keys can be configured: the first signs, all verify, so keys can be rotated without logging everybody out.
 */
public final class SessionIdSigner {

    /** 40 bytes in base64url without padding. */
    public static final int LENGTH = 54;
    /** Shortest accepted key, in characters. */
    public static final int MIN_KEY_LENGTH = 32;

    private static final int RANDOM_BYTES = 24;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SecretKeySpec> keys;
    private final ThreadLocal<List<Mac>> macs;

    /**
     * @param secrets the keys, the signing one first; each at least {@value #MIN_KEY_LENGTH} characters
     */
    public SessionIdSigner(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("At least one session id key is needed");
        }
        List<SecretKeySpec> specs = new ArrayList<>();
        for (String secret : secrets) {
            if (secret.length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("Every quarkus.nova-session.id-keys entry must be at least "
                        + MIN_KEY_LENGTH + " characters long (a random secret, e.g. openssl rand -base64 48)");
            }
            specs.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        }
        this.keys = List.copyOf(specs);
        this.macs = ThreadLocal.withInitial(this::newMacs);
    }

    /**
     * @return a signer with a random key known only to this process: ids die with it
     */
    public static SessionIdSigner withRandomKey() {
        byte[] secret = new byte[48];
        RANDOM.nextBytes(secret);
        return new SessionIdSigner(List.of(ENCODER.encodeToString(secret)));
    }

    public String generate() {
        byte[] id = new byte[RANDOM_BYTES + MAC_BYTES];
        RANDOM.nextBytes(id);
        byte[] mac = macs.get().get(0).doFinal(Arrays.copyOf(id, RANDOM_BYTES));
        System.arraycopy(mac, 0, id, RANDOM_BYTES, MAC_BYTES);
        return ENCODER.encodeToString(id);
    }

    /**
     * Whether a value is an id this application issued: the right form, and a MAC that one of the keys verifies.
     */
    public boolean isIssued(CharSequence value) {
        if (!isWellFormed(value)) {
            return false;
        }
        byte[] id = DECODER.decode(value.toString());
        byte[] random = Arrays.copyOf(id, RANDOM_BYTES);
        byte[] presented = Arrays.copyOfRange(id, RANDOM_BYTES, RANDOM_BYTES + MAC_BYTES);
        for (Mac mac : macs.get()) {
            byte[] expected = Arrays.copyOf(mac.doFinal(random), MAC_BYTES);
            if (MessageDigest.isEqual(expected, presented)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@value #LENGTH} base64url characters, the last one carrying no bits beyond the 320 (one spelling per id).
     */
    static boolean isWellFormed(CharSequence value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (SessionIds.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        // 54 characters hold 324 bits: the four lowest bits of the last one are padding and must be zero
        return (SessionIds.indexOf(value.charAt(LENGTH - 1)) & 0b1111) == 0;
    }

    private List<Mac> newMacs() {
        List<Mac> list = new ArrayList<>(keys.size());
        try {
            for (SecretKeySpec key : keys) {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                list.add(mac);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
        }
        return list;
    }
}
