package io.quarkiverse.novasession.runtime;

import java.util.Map;

import io.quarkus.runtime.LaunchMode;

/**
 * What a dev-mode live reload must not lose: the generated id signing key and the memory store's sessions. A live
 * reload rebuilds the application class loader, the CDI container and every bean, but this class sits in the
 * extension's runtime jar, which the base runtime class loader keeps across reloads, so its static fields survive
 * them (Quarkus' form authentication keeps its generated key the same way). A visitor thus stays logged in while the
 * code changes. It holds only JDK types and the memory store's own maps, never an application class or a bean, so no
 * old class loader is pinned. Outside dev mode it keeps nothing: a new key and an empty store at every start.
 */
public final class DevModeCarryOver {

    private static volatile String signingSecret;
    private static volatile Map<?, ?> memorySessions;

    private DevModeCarryOver() {
    }

    /**
     * @return whether this launch keeps state across restarts: dev mode only
     */
    public static boolean keeps() {
        return keeps(LaunchMode.current());
    }

    static boolean keeps(LaunchMode mode) {
        return mode == LaunchMode.DEVELOPMENT;
    }

    /**
     * @return the secret that signs ids when no {@code id-keys} are configured: in dev mode the one of the first start,
     *         otherwise a new one
     */
    static String signingSecret() {
        return signingSecret(LaunchMode.current());
    }

    static synchronized String signingSecret(LaunchMode mode) {
        if (!keeps(mode)) {
            return IdSigning.newSecret() + IdSigning.newSecret();
        }
        if (signingSecret == null) {
            signingSecret = IdSigning.newSecret() + IdSigning.newSecret();
        }
        return signingSecret;
    }

    /**
     * Keeps the memory store's sessions for the next start, in dev mode; drops them otherwise.
     *
     * @param sessions the store's entries by store key; kept as given, the caller gives them up
     */
    public static void keepMemorySessions(Map<?, ?> sessions) {
        keepMemorySessions(LaunchMode.current(), sessions);
    }

    static void keepMemorySessions(LaunchMode mode, Map<?, ?> sessions) {
        memorySessions = keeps(mode) ? sessions : null;
    }

    /**
     * @return the sessions the previous start kept, once (the next call answers null), or null
     */
    public static synchronized Map<?, ?> takeMemorySessions() {
        Map<?, ?> kept = memorySessions;
        memorySessions = null;
        return kept;
    }
}
