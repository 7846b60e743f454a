package io.quarkiverse.novasession.test;

import io.quarkiverse.novasession.NovaSession;

/**
 * Reads a session value whose type only its caller knows, with no class literal in this class: no build can tell
 * which type that is. Never run: the build reads its bytecode.
 */
class RunTimeTypedSessionReader {

    NovaSession session;

    <T> T read(Class<T> type) {
        return session.get("dynamic", type).orElse(null);
    }
}
