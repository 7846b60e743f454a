package io.quarkiverse.novasession.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionStore;
import io.quarkiverse.novasession.SessionEndedException;
import io.quarkiverse.novasession.SessionLimitException;
import io.quarkiverse.novasession.runtime.RequestSession.State;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Operation;
import io.quarkiverse.novasession.runtime.metrics.SessionMetrics.Rejection;
import io.smallrye.mutiny.Uni;

/**
 * A request's session against the store: the first read of a cookie's id (live, free, ended or expired), the first
 * write that creates a session, the writes that must never reach a session another request ended, the end of a
 * session, and rotation. It knows nothing of JSON values or of any particular store. Its steps are {@link Answer}s, so
 * that on an in-process store an operation runs straight through.
 */
final class SessionLifecycle {

    private static final Answer<Optional<String>> ABSENT = Answer.known(Optional.empty());
    private static final Answer<Void> DONE = Answer.done();
    private static final List<String> LAST_SEEN_ONLY = List.of(NovaSessionStore.LAST_SEEN_KEY);
    private static final List<String> LAST_SEEN_AND_KEYS = List.of(NovaSessionStore.LAST_SEEN_KEY,
            NovaSessionStore.KEYS_KEY);
    private static final ObjectMapper KEY_LIST = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final SessionRuntime runtime;
    private final StoreCalls calls;
    private final NovaSessionStore store;
    private final SessionEvents events;
    private final SessionMetrics metrics;

    SessionLifecycle(SessionRuntime runtime) {
        this.runtime = runtime;
        this.calls = runtime.calls();
        this.store = runtime.store();
        this.events = runtime.events();
        this.metrics = runtime.metrics();
    }

    /**
     * @return the value of {@code key} (JSON text) in the request's session, or empty
     */
    Answer<Optional<String>> read(RequestSession session, String key) {
        return switch (session.state()) {
            case NONE -> ABSENT;
            // an id from this request is known to nobody else: nothing can be stored under it but by this request
            case FREE -> session.issuedHere() ? ABSENT : verify(session, key);
            case LIVE -> {
                String storeKey = session.storeKey();
                yield calls.answer(Operation.GET_VALUE, () -> store.getValue(storeKey, key));
            }
            case UNVERIFIED -> verify(session, key);
        };
    }

    /**
     * Completes once the session's state in the store is known.
     */
    Answer<Void> verified(RequestSession session) {
        return session.state() == State.UNVERIFIED ? verify(session, null).ignoreItem() : DONE;
    }

    /**
     * Reads a cookie's id from the store, with the value of {@code key} if not null, in one store call where the store
     * can. An id whose session ended gets a new session ({@link RequestSession#ended}); so does an idle one, which is
     * ended first, and an id that has held nothing for longer than {@code idle-timeout}. An id that holds nothing yet
     * is the visitor's session all the same ({@link RequestSession#free}): replacing it would give every parallel
     * request of a page its own new session. A live session has its last-seen time refreshed at most once per touch
     * interval.
     */
    private Answer<Optional<String>> verify(RequestSession session, String key) {
        String id = session.id();
        String storeKey = session.storeKey();
        List<String> keys = keysToRead(key);
        return calls.answer(Operation.GET_VALUES, () -> store.getValues(storeKey, keys))
                .recover(SessionEndedException.class, () -> null)
                .chain(found -> {
                    if (found == null) {
                        metrics.rejected(Rejection.ENDED);
                        session.ended(id, replacement(session));
                        return ABSENT;
                    }
                    Optional<String> seen = found.get(0);
                    Optional<String> value = key == null ? Optional.empty() : found.get(found.size() - 1);
                    if (seen.isEmpty() && value.isEmpty()) {
                        if (runtime.freeTooLong(id)) {
                            metrics.rejected(Rejection.EXPIRED);
                            session.ended(id, replacement(session));
                        } else {
                            session.free(id);
                        }
                        return ABSENT;
                    }
                    // a session without its last-seen time is damaged: it reads as long idle rather than living for ever
                    long lastSeen = seen.map(SessionLifecycle::millis).orElse(0L);
                    if (runtime.idleTooLong(lastSeen)) {
                        metrics.rejected(Rejection.EXPIRED);
                        return calls.answer(Operation.END_SESSION, () -> store.endSession(storeKey)).map(existed -> {
                            if (existed) {
                                events.expired(storeKey);
                            }
                            session.ended(id, replacement(session));
                            return Optional.<String> empty();
                        });
                    }
                    if (runtime.keepsKeyIndex()) {
                        session.keyIndex(parseKeys(found.get(1)));
                    }
                    session.live(id);
                    if (runtime.dueForTouch(lastSeen)) {
                        // not written now: the request's next write of the session carries it, or it goes alone
                        // once the response started (touchLeftOver), so the read answers without waiting for a write
                        session.touchDue(id, runtime.now());
                    }
                    return Answer.known(value);
                });
    }

    private List<String> keysToRead(String key) {
        if (runtime.keepsKeyIndex()) {
            if (key == null) {
                return LAST_SEEN_AND_KEYS;
            }
            return List.of(NovaSessionStore.LAST_SEEN_KEY, NovaSessionStore.KEYS_KEY, key);
        }
        return key == null ? LAST_SEEN_ONLY : List.of(NovaSessionStore.LAST_SEEN_KEY, key);
    }

    /**
     * Writes one value. The first write of a session creates it under the request's id (a new one if the request has
     * none); any other write reaches only a live session, so that a request that read the session before another
     * request deleted or rotated it cannot bring it back: it fails with {@link SessionEndedException}, and the
     * response gives the visitor a fresh session.
     */
    Answer<Void> write(RequestSession session, String key, String json) {
        if (runtime.keepsKeyIndex()) {
            return Answer.pending(session.afterPreviousWrite(() -> writeNow(session, key, json).uni()));
        }
        return writeNow(session, key, json);
    }

    private Answer<Void> writeNow(RequestSession session, String key, String json) {
        return verified(session).chain(ignored -> {
            if (session.state() == State.NONE) {
                session.startIfNone(runtime.ids().generate());
            }
            String id = session.id();
            String storeKey = session.storeKey();
            if (session.state() == State.LIVE) {
                long touch = session.takeTouch(id);
                Map<String, String> values = Map.of(key, json);
                if (touch != 0) {
                    values = new LinkedHashMap<>(4);
                    values.put(key, json);
                    values.put(NovaSessionStore.LAST_SEEN_KEY, Long.toString(touch));
                }
                if (runtime.keepsKeyIndex() && !session.keyIndex().contains(key)) {
                    values = withKeyIndex(session, values, key);
                }
                Map<String, String> update = values;
                return refusals(calls.answer(Operation.WRITE_VALUES, () -> store.writeValues(storeKey, update, false)))
                        .onFailure(SessionEndedException.class, ended -> session.ended(id, replacement(session)))
                        .onFailure(Throwable.class, failure -> {
                            if (touch != 0 && !(failure instanceof SessionEndedException)) {
                                session.touchNotWritten(id, touch);
                            }
                        })
                        .ignoreItem();
            }
            if (!session.issuedHere() && runtime.freeTooLong(id)) {
                // the request waited past the id's time to hold a first write: it is expired, the write goes to a new one
                metrics.rejected(Rejection.EXPIRED);
                session.ended(id, replacement(session));
                return writeNow(session, key, json);
            }
            Map<String, String> first = new LinkedHashMap<>(4);
            first.put(NovaSessionStore.LAST_SEEN_KEY, Long.toString(runtime.now()));
            first.put(key, json);
            if (runtime.keepsKeyIndex()) {
                first = withKeyIndex(session, first, key);
            }
            Map<String, String> creation = first;
            return refusals(calls.answer(Operation.WRITE_VALUES, () -> store.writeValues(storeKey, creation, true)))
                    .onFailure(SessionEndedException.class, ended -> session.ended(id, replacement(session)))
                    .invoke(created -> {
                        session.live(id);
                        if (created && session.firstToAnnounce(id)) {
                            events.created(storeKey);
                        }
                    }).ignoreItem();
        });
    }

    /**
     * The response's headers are being written: a last-seen refresh that no write of the request carried is written
     * now, alone, in the background, so that the response never waits for it. A session another request ended
     * meanwhile refuses it, which is no failure: the touch only keeps a live session alive, and nothing is recreated.
     */
    void touchLeftOver(RequestSession session) {
        RequestSession.Touch touch = session.takeTouch();
        if (touch == null) {
            return;
        }
        Map<String, String> seen = Map.of(NovaSessionStore.LAST_SEEN_KEY, Long.toString(touch.time()));
        calls.inBackground(Operation.WRITE_VALUES, () -> store.writeValues(touch.storeKey(), seen, false),
                SessionEndedException.class);
    }

    /**
     * Counts the writes the store refused: to a session another request ended, or past a limit.
     */
    private Answer<Boolean> refusals(Answer<Boolean> write) {
        return write.onFailure(Throwable.class, failure -> {
            if (failure instanceof SessionEndedException) {
                metrics.rejected(Rejection.ENDED);
            } else if (failure instanceof SessionLimitException) {
                metrics.rejected(Rejection.LIMIT);
            }
        });
    }

    /**
     * Removes one key; never creates a session.
     */
    Answer<Void> deleteKey(RequestSession session, String key) {
        return verified(session).chain(ignored -> {
            boolean mayHold = session.state() == State.LIVE
                    || (session.state() == State.FREE && !session.issuedHere());
            if (!mayHold) {
                return DONE;
            }
            String storeKey = session.storeKey();
            return calls.answer(Operation.DELETE_VALUE, () -> store.deleteValue(storeKey, key));
        });
    }

    /**
     * Ends the whole session. An id this request issued holds nothing, and an id that holds nothing stays as it is:
     * neither costs a write or an event.
     */
    Answer<Void> end(RequestSession session) {
        return end(session, NovaSessionDestroyed.Cause.DELETED);
    }

    Answer<Void> end(RequestSession session, NovaSessionDestroyed.Cause cause) {
        State state = session.state();
        String id = session.id();
        if (state == State.NONE) {
            return DONE;
        }
        if (state == State.FREE && session.issuedHere()) {
            session.deleted(id);
            return DONE;
        }
        String storeKey = session.storeKey();
        return calls.answer(Operation.END_SESSION, () -> store.endSession(storeKey)).invoke(existed -> {
            session.deleted(id);
            if (existed) {
                events.destroyed(storeKey, cause);
            }
        }).ignoreItem();
    }

    /**
     * Gives the session a new id. A live session keeps its data and its start (rotation never extends the absolute
     * timeout); anything else, an empty or ended session included, starts a fresh session clock.
     */
    Answer<String> rotate(RequestSession session) {
        return rotate(session, false);
    }

    /**
     * @param forLogin whether the new id is a login's: it is then marked as one, as is the id of a logged-in session
     *        rotated again
     */
    Answer<String> rotate(RequestSession session, boolean forLogin) {
        return verified(session).chain(ignored -> {
            if (session.state() != State.LIVE) {
                return Answer.known(session.rotatedTo(
                        runtime.ids().generate(System.currentTimeMillis(), forLogin), false));
            }
            String oldStoreKey = session.storeKey();
            boolean wasLoggedIn = SessionIdSigner.loggedIn(session.id());
            boolean loggedIn = forLogin || wasLoggedIn;
            String newId = runtime.ids().generate(SessionIdSigner.sessionStart(session.id()), loggedIn);
            String newStoreKey = SessionIds.storeKey(newId);
            Answer<Boolean> moved = runtime.keepsKeyIndex() ? Answer.pending(copy(session, oldStoreKey, newStoreKey))
                    : calls.answer(Operation.RENAME_SESSION, () -> store.renameSession(oldStoreKey, newStoreKey));
            return moved.chain(live -> {
                if (!live) {
                    // ended by another request meanwhile: nothing to carry over, a fresh session
                    return Answer.known(session.rotatedTo(
                            runtime.ids().generate(System.currentTimeMillis(), forLogin), false));
                }
                events.destroyed(oldStoreKey, NovaSessionDestroyed.Cause.ROTATED);
                String rotated = session.rotatedTo(newId, true);
                // only a logged-in session is known elsewhere (the principal index): any other costs nothing more
                return wasLoggedIn
                        ? Answer.pending(runtime.rotationHook().rotated(oldStoreKey, newStoreKey).replaceWith(rotated))
                        : Answer.known(rotated);
            });
        });
    }

    /**
     * Rotation for a store that cannot rename: copies every key the session's key list names, then ends the old one.
     */
    private Uni<Boolean> copy(RequestSession session, String oldStoreKey, String newStoreKey) {
        return calls.call(Operation.GET_VALUES, () -> store.getValues(oldStoreKey, LAST_SEEN_AND_KEYS))
                .onFailure(SessionEndedException.class).recoverWithItem(() -> null)
                .chain(head -> {
                    if (head == null || head.get(0).isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    List<String> keys = new ArrayList<>(parseKeys(head.get(1)));
                    return calls.call(Operation.GET_VALUES, () -> store.getValues(oldStoreKey, keys)).chain(values -> {
                        Map<String, String> all = new LinkedHashMap<>();
                        all.put(NovaSessionStore.LAST_SEEN_KEY, head.get(0).get());
                        List<String> present = new ArrayList<>();
                        for (int i = 0; i < keys.size(); i++) {
                            if (values.get(i).isPresent()) {
                                all.put(keys.get(i), values.get(i).get());
                                present.add(keys.get(i));
                            }
                        }
                        all.put(NovaSessionStore.KEYS_KEY, writeKeys(present));
                        session.keyIndex(Set.copyOf(present));
                        return calls.call(Operation.WRITE_VALUES, () -> store.writeValues(newStoreKey, all, true))
                                .chain(ignored -> calls.call(Operation.END_SESSION, () -> store.endSession(oldStoreKey)));
                    });
                });
    }

    /**
     * An id past the absolute timeout came back: its data, if the store still has it, is ended in the background.
     */
    void purgeExpired(String expiredId) {
        String storeKey = SessionIds.storeKey(expiredId);
        calls.inBackground(Operation.END_SESSION, () -> store.endSession(storeKey), existed -> {
            if (existed) {
                events.expired(storeKey);
            }
        });
    }

    /**
     * @return the id that replaces a dead one at once (eager creation), or null (lazy creation waits for a write)
     */
    private String replacement(RequestSession session) {
        return session.lazy() ? null : runtime.ids().generate();
    }

    private static Map<String, String> withKeyIndex(RequestSession session, Map<String, String> values, String key) {
        Set<String> keys = new LinkedHashSet<>(session.keyIndex());
        keys.add(key);
        session.keyIndex(keys);
        Map<String, String> withIndex = new LinkedHashMap<>(values);
        withIndex.put(NovaSessionStore.KEYS_KEY, writeKeys(keys));
        return withIndex;
    }

    private static Set<String> parseKeys(Optional<String> json) {
        if (json.isEmpty()) {
            return Set.of();
        }
        try {
            return new LinkedHashSet<>(KEY_LIST.readValue(json.get(), STRINGS));
        } catch (JsonProcessingException e) {
            return Set.of();
        }
    }

    private static String writeKeys(java.util.Collection<String> keys) {
        try {
            return KEY_LIST.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A last-seen time as stored; anything else reads as long ago, so that a damaged entry expires instead of living
     * for ever.
     */
    private static long millis(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }
}
