package io.quarkiverse.novasession.runtime.devui;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkiverse.novasession.NovaSessionCreated;
import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionExpired;
import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.runtime.NovaSessionBuildTimeConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.SelectedStore;
import io.quarkiverse.novasession.runtime.SessionRuntime;
import io.quarkiverse.novasession.runtime.store.InspectableStore;
import io.quarkiverse.novasession.runtime.store.MemoryNovaSessionStore;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The Dev UI's "Nova Session" page: every public method is a JSON-RPC method. A bean in dev mode only. It shows the
 * effective settings, the memory store's sessions (or, for Infinispan, the cluster's entry count and one session by
 * store key), lets the developer end a session, and streams the lifecycle events. It shows store keys, never ids.
 */
public class NovaSessionJsonRPCService {

    /** The most sessions listed at once: a dev store is small, a large one is a page, not a dump. */
    static final int MAX_LISTED = 500;
    /** Events shown to a page that opens after they happened. */
    static final int RECENT_EVENTS = 50;
    private static final String OWN_KEY_PREFIX = "__nova_";

    @Inject
    NovaSessionConfig config;
    @Inject
    NovaSessionBuildTimeConfig buildConfig;
    @Inject
    Instance<SessionRuntime> runtime;
    @Inject
    @SelectedStore
    Instance<NovaSessionStore> store;

    private final BroadcastProcessor<JsonObject> feed = BroadcastProcessor.create();
    private final Deque<JsonObject> recent = new ArrayDeque<>();

    /**
     * @return the settings in force: store, creation, timeouts, limits, cookie attributes, where the id key comes from
     */
    @NonBlocking
    public JsonObject getSettings() {
        NovaSessionConfig.CookieConfig cookie = config.cookie();
        JsonObject settings = new JsonObject()
                .put("enabled", buildConfig.enabled())
                .put("manager", buildConfig.manager())
                .put("create", lower(config.create()))
                .put("storeTimeout", config.storeTimeout().toString())
                .put("idleTimeout", config.idleTimeout().toString())
                .put("absoluteTimeout", config.absoluteTimeout().toString())
                .put("touchInterval", config.touchInterval().toString())
                .put("maxKeys", config.maxKeys())
                .put("maxValueSize", config.maxValueSize())
                .put("maxKeyLength", config.maxKeyLength())
                .put("cookie", new JsonObject()
                        .put("name", cookie.name())
                        .put("path", cookie.path())
                        .put("domain", cookie.domain().orElse(null))
                        .put("httpOnly", cookie.httpOnly())
                        .put("secure", lower(cookie.secure()))
                        .put("sameSite", lower(cookie.sameSite()))
                        .put("maxAge", cookie.maxAge().map(Object::toString).orElse(null)));
        if (buildConfig.enabled() && runtime.isResolvable()) {
            SessionRuntime sessions = runtime.get();
            settings.put("store", lower(sessions.facts().kind()))
                    .put("sharedStore", sessions.facts().shared())
                    .put("idKeys", sessions.signingKeySource())
                    .put("listsSessions", store.get() instanceof MemoryNovaSessionStore);
        }
        return settings;
    }

    /**
     * @return the memory store's live sessions, at most {@value #MAX_LISTED}: store key, created, last seen, the
     *         application's keys with the size of each value; empty for any other store
     */
    @NonBlocking
    public JsonArray getSessions() {
        JsonArray sessions = new JsonArray();
        if (store.isResolvable() && store.get() instanceof MemoryNovaSessionStore memory) {
            memory.forEachSession((storeKey, created, values) -> {
                if (sessions.size() < MAX_LISTED) {
                    sessions.add(describe(storeKey, created, values));
                }
            });
        }
        return sessions;
    }

    /**
     * @return the number of sessions (memory store) or entries of the session cache (Infinispan), or -1 if the store
     *         cannot count
     */
    public Uni<Long> countSessions() {
        if (store.isResolvable() && store.get() instanceof InspectableStore inspectable) {
            return inspectable.countSessions();
        }
        return Uni.createFrom().item(-1L);
    }

    /**
     * @param storeKey a session's store key (never its id)
     * @return {@code found}, and if found the session's keys with their JSON values and its last-seen time
     */
    public Uni<JsonObject> getSession(String storeKey) {
        if (storeKey == null || storeKey.isBlank() || !store.isResolvable()
                || !(store.get() instanceof InspectableStore inspectable)) {
            return Uni.createFrom().item(new JsonObject().put("found", false));
        }
        return inspectable.sessionValues(storeKey.trim()).map(found -> {
            JsonObject answer = new JsonObject().put("storeKey", storeKey.trim()).put("found", found.isPresent());
            found.ifPresent(values -> {
                JsonObject shown = new JsonObject();
                for (Map.Entry<String, String> entry : values.entrySet()) {
                    if (!entry.getKey().startsWith(OWN_KEY_PREFIX)) {
                        shown.put(entry.getKey(), entry.getValue());
                    }
                }
                answer.put("values", shown).put("lastSeen", lastSeen(values));
            });
            return answer;
        });
    }

    /**
     * Ends a session, as a logout would.
     *
     * @return whether there was a live session under that store key
     */
    public Uni<Boolean> endSession(String storeKey) {
        if (storeKey == null || storeKey.isBlank() || !runtime.isResolvable()) {
            return Uni.createFrom().item(false);
        }
        return runtime.get().endSession(storeKey.trim());
    }

    /**
     * @return the last lifecycle events, oldest first
     */
    @NonBlocking
    public JsonArray getRecentEvents() {
        synchronized (recent) {
            return new JsonArray(new ArrayList<>(recent));
        }
    }

    /**
     * @return every lifecycle event from now on: created, destroyed (with its cause), expired
     */
    public Multi<JsonObject> streamEvents() {
        return feed;
    }

    void created(@Observes NovaSessionCreated event) {
        publish("created", event.storeKey(), null);
    }

    void destroyed(@Observes NovaSessionDestroyed event) {
        publish("destroyed", event.storeKey(), lower(event.cause()));
    }

    void expired(@Observes NovaSessionExpired event) {
        publish("expired", event.storeKey(), null);
    }

    private void publish(String type, String storeKey, String cause) {
        JsonObject event = new JsonObject().put("type", type).put("storeKey", storeKey)
                .put("at", Instant.now().toString());
        if (cause != null) {
            event.put("cause", cause);
        }
        synchronized (recent) {
            recent.addLast(event);
            if (recent.size() > RECENT_EVENTS) {
                recent.removeFirst();
            }
        }
        feed.onNext(event);
    }

    private static JsonObject describe(String storeKey, long created, Map<String, String> values) {
        JsonArray keys = new JsonArray();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!entry.getKey().startsWith(OWN_KEY_PREFIX)) {
                names.add(entry.getKey());
                keys.add(new JsonObject().put("key", entry.getKey()).put("size", entry.getValue().length()));
            }
        }
        return new JsonObject()
                .put("storeKey", storeKey)
                .put("storeKeyPrefix", storeKey.substring(0, Math.min(8, storeKey.length())))
                .put("created", Instant.ofEpochMilli(created).toString())
                .put("lastSeen", lastSeen(values))
                .put("keys", keys)
                .put("keyNames", String.join(", ", names));
    }

    private static String lastSeen(Map<String, String> values) {
        return Optional.ofNullable(values.get(NovaSessionStore.LAST_SEEN_KEY)).map(text -> {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text)).toString();
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
