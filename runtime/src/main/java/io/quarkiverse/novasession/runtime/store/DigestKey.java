package io.quarkiverse.novasession.runtime.store;

/**
 * A store key of the session layer (SHA-256, base64url without padding: 43 characters) as the memory store keeps it:
 * its 32 bytes in four longs, 48 bytes of heap instead of the String's 88. Any other text stays the String it is
 * ({@link #of}), so two different keys never meet in one entry.
 */
final class DigestKey {

    private static final int LENGTH = 43;
    private static final byte[] DECODE = new byte[128];
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    static {
        java.util.Arrays.fill(DECODE, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DECODE[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private final long a;
    private final long b;
    private final long c;
    private final long d;

    private DigestKey(long a, long b, long c, long d) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.d = d;
    }

    /**
     * @return the key to keep {@code storeKey} under: a {@link DigestKey} for the canonical base64url text of 32 bytes,
     *         the String itself for anything else
     */
    static Object of(String storeKey) {
        if (storeKey.length() != LENGTH) {
            return storeKey;
        }
        byte[] bytes = new byte[32];
        int at = 0;
        // ten groups of four characters make 30 bytes; the last three make two, with two spare bits
        for (int i = 0; i < 40; i += 4) {
            int group = sextet(storeKey, i) << 18 | sextet(storeKey, i + 1) << 12 | sextet(storeKey, i + 2) << 6
                    | sextet(storeKey, i + 3);
            if (group < 0) {
                return storeKey;
            }
            bytes[at++] = (byte) (group >> 16);
            bytes[at++] = (byte) (group >> 8);
            bytes[at++] = (byte) group;
        }
        int tail = sextet(storeKey, 40) << 12 | sextet(storeKey, 41) << 6 | sextet(storeKey, 42);
        // spare bits other than zeros would be another spelling of the same bytes
        if (tail < 0 || (tail & 0b11) != 0) {
            return storeKey;
        }
        bytes[30] = (byte) (tail >> 10);
        bytes[31] = (byte) (tail >> 2);
        return new DigestKey(word(bytes, 0), word(bytes, 8), word(bytes, 16), word(bytes, 24));
    }

    /** @return the character's 6 bits, or -1 (negative however far it is shifted) for any other character */
    private static int sextet(String text, int index) {
        char ch = text.charAt(index);
        return ch < 128 ? DECODE[ch] : -1;
    }

    private static long word(byte[] bytes, int from) {
        long word = 0;
        for (int i = from; i < from + 8; i++) {
            word = word << 8 | (bytes[i] & 0xFF);
        }
        return word;
    }

    /**
     * @return the store key's text, as the session layer gave it
     */
    static String text(Object key) {
        return key instanceof DigestKey digest ? digest.toString() : (String) key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DigestKey key && a == key.a && b == key.b && c == key.c && d == key.d;
    }

    @Override
    public int hashCode() {
        // the bytes of a digest are uniformly random: any 32 of them make a good hash
        return (int) (a ^ (a >>> 32));
    }

    @Override
    public String toString() {
        byte[] bytes = new byte[32];
        long[] words = { a, b, c, d };
        for (int i = 0; i < 32; i++) {
            bytes[i] = (byte) (words[i / 8] >>> (56 - 8 * (i % 8)));
        }
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
