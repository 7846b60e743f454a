package io.quarkiverse.novasession.runtime.store;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.novasession.NovaSessionStore;

/**
 * A small session of the memory store packed into one byte array, which a read scans in place and a write replaces
 * whole. Most sessions hold a few short values (an id, a name, a cart count): as a concurrent map with a String per
 * key and value, such a session takes several times the heap of its data; packed it takes its data and a few bytes. A
 * session that outgrows {@link #MAX_BYTES} leaves this form for a map (see {@link MemoryNovaSessionStore}), so a write
 * never copies more than {@link #MAX_BYTES}.
 * <p>
 * Layout: the creation time (8 bytes, big-endian), then per key: the key's length (1 byte, 0 standing for the session
 * layer's {@link NovaSessionStore#LAST_SEEN_KEY}, which every session holds), the key (ASCII), the value's length (a
 * varint of 7-bit groups) and the value (UTF-8).
 */
final class PackedSession {

    /** The largest packed session: past this a session becomes a map. */
    static final int MAX_BYTES = 512;
    private static final int HEADER = 8;
    private static final int MAX_KEY = 255;

    private PackedSession() {
    }

    static byte[] empty(long created) {
        byte[] packed = new byte[HEADER];
        for (int i = 0; i < HEADER; i++) {
            packed[i] = (byte) (created >>> (56 - 8 * i));
        }
        return packed;
    }

    static long created(byte[] packed) {
        long created = 0;
        for (int i = 0; i < HEADER; i++) {
            created = (created << 8) | (packed[i] & 0xFF);
        }
        return created;
    }

    /**
     * @return whether a key can be packed: the session layer's last-seen key, or 1 to 255 ASCII characters
     */
    static boolean packable(String key) {
        if (key.equals(NovaSessionStore.LAST_SEEN_KEY)) {
            return true;
        }
        int length = key.length();
        if (length == 0 || length > MAX_KEY) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c == 0 || c > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the value of {@code key}, or null
     */
    static String get(byte[] packed, String key) {
        int position = HEADER;
        while (position < packed.length) {
            int keyLength = packed[position] & 0xFF;
            int keyStart = position + 1;
            int valueAt = keyStart + keyLength;
            int valueLength = varint(packed, valueAt);
            int valueStart = valueAt + varintSize(valueLength);
            if (keyEquals(packed, keyStart, keyLength, key)) {
                return new String(packed, valueStart, valueLength, StandardCharsets.UTF_8);
            }
            position = valueStart + valueLength;
        }
        return null;
    }

    static boolean contains(byte[] packed, String key) {
        return find(packed, key) >= 0;
    }

    /**
     * @return how many keys the session holds
     */
    static int size(byte[] packed) {
        int count = 0;
        for (int position = HEADER; position < packed.length; position = next(packed, position)) {
            count++;
        }
        return count;
    }

    /**
     * @return the session with {@code values} set, or null when it would not fit this form (a key that cannot be
     *         packed, or past {@link #MAX_BYTES}): the caller then moves it to a map
     */
    static byte[] with(byte[] packed, Map<String, String> values) {
        int size = values.size();
        String[] keys = new String[size];
        byte[][] encoded = new byte[size][];
        int added = 0;
        int i = 0;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String key = value.getKey();
            if (!packable(key)) {
                return null;
            }
            keys[i] = key;
            encoded[i] = value.getValue().getBytes(StandardCharsets.UTF_8);
            added += 1 + keyLength(key) + varintSize(encoded[i].length) + encoded[i].length;
            i++;
        }
        int kept = 0;
        for (int position = HEADER; position < packed.length;) {
            int next = next(packed, position);
            if (!replaced(packed, position, keys)) {
                kept += next - position;
            }
            position = next;
        }
        if (HEADER + kept + added > MAX_BYTES) {
            return null;
        }
        byte[] result = new byte[HEADER + kept + added];
        System.arraycopy(packed, 0, result, 0, HEADER);
        int at = HEADER;
        for (int position = HEADER; position < packed.length;) {
            int next = next(packed, position);
            if (!replaced(packed, position, keys)) {
                System.arraycopy(packed, position, result, at, next - position);
                at += next - position;
            }
            position = next;
        }
        for (i = 0; i < size; i++) {
            at = put(result, at, keys[i], encoded[i]);
        }
        return result;
    }

    /**
     * @return the session without {@code key}, the same array when it does not hold it
     */
    static byte[] without(byte[] packed, String key) {
        int position = find(packed, key);
        if (position < 0) {
            return packed;
        }
        int next = next(packed, position);
        byte[] result = new byte[packed.length - (next - position)];
        System.arraycopy(packed, 0, result, 0, position);
        System.arraycopy(packed, next, result, position, packed.length - next);
        return result;
    }

    /**
     * @return every key and value, in the order they were packed
     */
    static Map<String, String> toMap(byte[] packed) {
        Map<String, String> values = new LinkedHashMap<>();
        int position = HEADER;
        while (position < packed.length) {
            int keyLength = packed[position] & 0xFF;
            String key = keyLength == 0 ? NovaSessionStore.LAST_SEEN_KEY
                    : new String(packed, position + 1, keyLength, StandardCharsets.US_ASCII);
            int valueAt = position + 1 + keyLength;
            int valueLength = varint(packed, valueAt);
            int valueStart = valueAt + varintSize(valueLength);
            values.put(key, new String(packed, valueStart, valueLength, StandardCharsets.UTF_8));
            position = valueStart + valueLength;
        }
        return values;
    }

    /**
     * @return whether every key can be packed
     */
    static boolean packable(Collection<String> keys) {
        for (String key : keys) {
            if (!packable(key)) {
                return false;
            }
        }
        return true;
    }

    private static int find(byte[] packed, String key) {
        for (int position = HEADER; position < packed.length; position = next(packed, position)) {
            if (keyEquals(packed, position + 1, packed[position] & 0xFF, key)) {
                return position;
            }
        }
        return -1;
    }

    private static boolean replaced(byte[] packed, int position, String[] keys) {
        int keyLength = packed[position] & 0xFF;
        for (String key : keys) {
            if (keyEquals(packed, position + 1, keyLength, key)) {
                return true;
            }
        }
        return false;
    }

    private static int next(byte[] packed, int position) {
        int valueAt = position + 1 + (packed[position] & 0xFF);
        int valueLength = varint(packed, valueAt);
        return valueAt + varintSize(valueLength) + valueLength;
    }

    private static boolean keyEquals(byte[] packed, int start, int length, String key) {
        if (length == 0) {
            return key.equals(NovaSessionStore.LAST_SEEN_KEY);
        }
        if (key.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (packed[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int keyLength(String key) {
        return key.equals(NovaSessionStore.LAST_SEEN_KEY) ? 0 : key.length();
    }

    private static int put(byte[] target, int at, String key, byte[] value) {
        int keyLength = keyLength(key);
        target[at++] = (byte) keyLength;
        for (int i = 0; i < keyLength; i++) {
            target[at++] = (byte) key.charAt(i);
        }
        int length = value.length;
        while (length >= 0x80) {
            target[at++] = (byte) (length | 0x80);
            length >>>= 7;
        }
        target[at++] = (byte) length;
        System.arraycopy(value, 0, target, at, value.length);
        return at + value.length;
    }

    private static int varint(byte[] packed, int at) {
        int value = 0;
        int shift = 0;
        byte b;
        do {
            b = packed[at++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return value;
    }

    private static int varintSize(int value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }
}
