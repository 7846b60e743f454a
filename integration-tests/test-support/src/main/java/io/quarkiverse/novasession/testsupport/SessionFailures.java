package io.quarkiverse.novasession.testsupport;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Session operations that fail the way real requests do, for {@link ErrorsResource} and {@link ErrorRoutes}, which let
 * the failure propagate so that the extension's default answer shows: no endpoint here catches or maps anything.
 * <ul>
 * <li><b>limit</b>: sets a value one character over {@code quarkus.nova-session.max-value-size}, which fails with
 * {@code SessionLimitException} (HTTP 413 by default) and stores nothing.</li>
 * <li><b>ended</b>: reads the session, then ends it in the store as another request would (a logout in another tab),
 * then writes to it: the write fails with {@code SessionEndedException} (HTTP 409 by default) and nothing is stored.
 * Meant for a visitor with a live session.</li>
 * </ul>
 */
@Singleton
public class SessionFailures {

    /** The key the limit case tries to write. */
    public static final String TOO_BIG_KEY = "too-big";
    /** The key the ended case reads, then tries to write. */
    public static final String AFTER_END_KEY = "after-end";

    private static final Duration STORE_WAIT = Duration.ofSeconds(30);

    @Inject
    NovaSession session;

    @Inject
    ReactiveNovaSession reactiveSession;

    @Inject
    NovaSessionStore store;

    @ConfigProperty(name = "quarkus.nova-session.max-value-size", defaultValue = "65536")
    int maxValueSize;

    /** The limit case, with the blocking API. */
    String overLimit() {
        session.set(TOO_BIG_KEY, tooBig());
        return "stored";
    }

    /** The limit case, with the reactive API. */
    Uni<String> overLimitReactively() {
        return reactiveSession.set(TOO_BIG_KEY, tooBig()).replaceWith("stored");
    }

    /** The ended case, with the blocking API. */
    String writeAfterEnd() {
        session.get(AFTER_END_KEY, String.class);
        store.endSession(session.storeKey()).await().atMost(STORE_WAIT);
        session.set(AFTER_END_KEY, "written after the session ended");
        return "stored";
    }

    /**
     * The ended case, with the reactive API. The store is called directly, as another request's session layer would:
     * a network store answers on its own threads, so the request continues on its own Vert.x context afterwards, as the
     * session layer does for its own store calls.
     */
    Uni<String> writeAfterEndReactively() {
        Context context = Vertx.currentContext();
        return reactiveSession.get(AFTER_END_KEY, String.class)
                .chain(() -> store.endSession(reactiveSession.storeKey())
                        .emitOn(task -> context.runOnContext(ignored -> task.run())))
                .chain(() -> reactiveSession.set(AFTER_END_KEY, "written after the session ended"))
                .replaceWith("stored");
    }

    /** A string whose JSON text (quoted) is one character over the limit. */
    private String tooBig() {
        return "x".repeat(maxValueSize - 1);
    }
}
