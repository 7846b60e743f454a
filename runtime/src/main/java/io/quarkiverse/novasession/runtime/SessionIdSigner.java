package io.quarkiverse.novasession.runtime;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues session ids and recognises the ones this application issued, without asking any store: an id is 18 bytes
 * from {@link SecureRandom} (144 bits) and the 6-byte time its session began (epoch milliseconds), followed by the
 * first 16 bytes of their HMAC-SHA256 under the signing key, base64url without padding: always {@value #LENGTH}
 * characters. An id a client made up, even well-formed, fails the MAC and is never adopted; since the start time is
 * signed, a session's age is known from its id alone, which enforces the absolute timeout without any store access.
 * <p>
 * Several keys can be configured: the first signs, all verify, so keys can be rotated without logging everybody out.
 */
public final class SessionIdSigner {

    /** 40 bytes in base64url without padding. */
    public static final int LENGTH = 54;
    /** Shortest accepted key, in characters. */
    public static final int MIN_KEY_LENGTH = 32;

    private static final int RANDOM_BYTES = 18;
    private static final int TIME_BYTES = 6;
    /** Base64 turns 3 bytes into 4 characters: the start begins on a character boundary. */
    private static final int START_FIRST_CHAR = RANDOM_BYTES / 3 * 4;
    private static final int START_CHARS = TIME_BYTES / 3 * 4;
    /** What the MAC covers: the random part and the start time. */
    private static final int SIGNED_BYTES = RANDOM_BYTES + TIME_BYTES;
    private static final int MAC_BYTES = 16;
    /**
     * The top bit of the start time (48 bits hold epoch milliseconds until the year 6429 with 47): set in ids issued
     * by a login, so that a request whose id never logged in is known anonymous without asking the store.
     */
    private static final long LOGGED_IN = 1L << (8 * TIME_BYTES - 1);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The random bytes of new ids, from a DRBG (NIST SP 800-90A, seeded by the system's entropy) of each thread: the
     * JDK's default {@code NativePRNG} reads the kernel under one lock shared by every event loop, which showed on the
     * path of new visitors.
     */
    private static final ThreadLocal<SecureRandom> ID_RANDOM = ThreadLocal.withInitial(SessionIdSigner::newIdRandom);
    /** The bytes of the id being checked: every request with a cookie decodes one, into this thread's buffer. */
    private static final ThreadLocal<byte[]> DECODED_ID = ThreadLocal.withInitial(() -> new byte[SIGNED_BYTES + MAC_BYTES]);
    /** A whole HMAC-SHA256, of which the first {@value #MAC_BYTES} bytes are the id's. */
    private static final ThreadLocal<byte[]> EXPECTED_MAC = ThreadLocal.withInitial(() -> new byte[32]);

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

    /**
     * @return a new id for a session that begins now
     */
    public String generate() {
        return generate(System.currentTimeMillis());
    }

    /**
     * @param sessionStart when the session began, epoch milliseconds: a rotated id keeps its session's start, so that
     *        rotation never extends the absolute timeout
     * @return a new id
     */
    public String generate(long sessionStart) {
        return generate(sessionStart, false);
    }

    /**
     * @param loggedIn whether the id is issued by a login (or rotates a logged-in session): signed into the id
     * @return a new id
     */
    public String generate(long sessionStart, boolean loggedIn) {
        byte[] id = new byte[SIGNED_BYTES + MAC_BYTES];
        ID_RANDOM.get().nextBytes(id);
        long time = loggedIn ? sessionStart | LOGGED_IN : sessionStart;
        for (int i = 0; i < TIME_BYTES; i++) {
            id[RANDOM_BYTES + i] = (byte) (time >>> (8 * (TIME_BYTES - 1 - i)));
        }
        Mac mac = macs.get().get(0);
        mac.update(id, 0, SIGNED_BYTES);
        byte[] full = mac.doFinal();
        System.arraycopy(full, 0, id, SIGNED_BYTES, MAC_BYTES);
        return ENCODER.encodeToString(id);
    }

    /**
     * @param id an id this signer issued ({@link #isIssued(CharSequence)})
     * @return when its session began, epoch milliseconds
     */
    public static long sessionStart(String id) {
        return signedTime(id) & ~LOGGED_IN;
    }

    /**
     * @param id an id this signer issued
     * @return whether it was issued by a login: only such an id can carry an identity
     */
    public static boolean loggedIn(String id) {
        return (signedTime(id) & LOGGED_IN) != 0;
    }

    private static long signedTime(String id) {
        // every request with a session cookie asks: the 8 characters that hold the 6 bytes of the start, read in place
        long start = 0;
        for (int i = START_FIRST_CHAR; i < START_FIRST_CHAR + START_CHARS; i++) {
            start = (start << 6) | SessionIds.indexOf(id.charAt(i));
        }
        return start;
    }

    /**
     * Whether a value is an id this application issued: the right form, and a MAC that one of the keys verifies.
     */
    public boolean isIssued(CharSequence value) {
        if (!isWellFormed(value)) {
            return false;
        }
        byte[] id = DECODED_ID.get();
        decode(value, id);
        byte[] expected = EXPECTED_MAC.get();
        for (Mac mac : macs.get()) {
            // the MAC of the id's first bytes, into a buffer of this thread: no copy of the id, no new array
            mac.update(id, 0, SIGNED_BYTES);
            try {
                mac.doFinal(expected, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            if (sameMac(expected, id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes a well-formed id ({@link #isWellFormed}): four characters to three bytes, and the last two to one.
     */
    private static void decode(CharSequence value, byte[] into) {
        int at = 0;
        for (int i = 0; i + 4 <= LENGTH; i += 4) {
            int group = SessionIds.indexOf(value.charAt(i)) << 18 | SessionIds.indexOf(value.charAt(i + 1)) << 12
                    | SessionIds.indexOf(value.charAt(i + 2)) << 6 | SessionIds.indexOf(value.charAt(i + 3));
            into[at++] = (byte) (group >> 16);
            into[at++] = (byte) (group >> 8);
            into[at++] = (byte) group;
        }
        into[at] = (byte) (SessionIds.indexOf(value.charAt(LENGTH - 2)) << 2
                | SessionIds.indexOf(value.charAt(LENGTH - 1)) >> 4);
    }

    /**
     * Compares the presented MAC with the expected one in time that does not depend on where they differ, as
     * {@link MessageDigest#isEqual} does.
     */
    private static boolean sameMac(byte[] expected, byte[] id) {
        int difference = 0;
        for (int i = 0; i < MAC_BYTES; i++) {
            difference |= expected[i] ^ id[SIGNED_BYTES + i];
        }
        return difference == 0;
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

    private static SecureRandom newIdRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
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
