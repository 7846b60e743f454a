package io.quarkiverse.novasession.runtime.store.redis;

/**
 * The Redis keys of one session. Every key carries the store key as its hash tag ({@code {...}}), so all of them hash
 * to one slot of a Redis Cluster and one Lua script may touch them together:
 * <ul>
 * <li>{@code <prefix>{<storeKey>}:s}, a hash: the session, one field per session key, each value the JSON text the
 * session layer wrote;</li>
 * <li>{@code <prefix>{<storeKey>}:x}, a string: the end marker of an ended session;</li>
 * <li>{@code <prefix>{<storeKey>}:m}, a hash: a session being moved to a new id by a rotation, between the two
 * steps of the move.</li>
 * </ul>
 * The store key is SHA-256 in base64url, so it holds neither braces nor colons.
 */
final class SessionKeys {

    private static final String SESSION = "}:s";
    private static final String MARKER = "}:x";
    private static final String MOVING = "}:m";

    private final String prefix;

    SessionKeys(String prefix) {
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
            // Redis would take the first {...} of the prefix as the hash tag: every session in one slot
            throw new IllegalArgumentException("quarkus.nova-session.redis.key-prefix must not contain '{' or '}': '"
                    + prefix + "'");
        }
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    String session(String storeKey) {
        return prefix + "{" + storeKey + SESSION;
    }

    String marker(String storeKey) {
        return prefix + "{" + storeKey + MARKER;
    }

    String moving(String storeKey) {
        return prefix + "{" + storeKey + MOVING;
    }

    /**
     * Where the shared id signing secret lives: no hash tag, nothing a store key could produce.
     */
    String idKey() {
        return prefix + "id-key";
    }

    /**
     * @return the store key of a session hash named {@code redisKey}, or null for any other key (an end marker, a
     *         session being moved, another application's key)
     */
    String storeKeyOfSession(String redisKey) {
        if (redisKey.length() <= prefix.length() + 1 + SESSION.length() || !redisKey.startsWith(prefix)
                || redisKey.charAt(prefix.length()) != '{' || !redisKey.endsWith(SESSION)) {
            return null;
        }
        String storeKey = redisKey.substring(prefix.length() + 1, redisKey.length() - SESSION.length());
        return storeKey.indexOf('}') >= 0 || storeKey.indexOf('{') >= 0 ? null : storeKey;
    }
}
