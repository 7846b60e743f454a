package io.quarkiverse.novasession.runtime.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

import io.quarkiverse.novasession.NovaSessionDestroyed;
import io.quarkiverse.novasession.NovaSessionInfo;
import io.quarkiverse.novasession.SessionLoginRefusedException;
import io.quarkiverse.novasession.runtime.NovaSessionConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.AuthConfig.OnMaxSessions;
import io.quarkiverse.novasession.runtime.SessionAccess;
import io.quarkiverse.novasession.runtime.SessionAccess.LiveIdentity;
import io.quarkiverse.novasession.runtime.SessionIds;
import io.quarkiverse.novasession.runtime.SessionRotationHook;
import io.smallrye.mutiny.Uni;

/**
 * The sessions of each principal, kept by the store as a principal index (an entry per logged-in session, under the
 * SHA-256 of the principal name) and always checked against the sessions themselves: an entry counts only while its
 * session is live and still logged in as that principal, and entries found dead are removed. So the list is exact
 * whatever ended a session (logout, delete, expiry, eviction, a store that dropped it), and an index whose sessions are
 * all gone is removed, or leaves the store at the end of its lifespan.
 * <p>
 * The per-principal limit is applied inside the store's atomic update of the index: two logins racing on two instances
 * never both see room for one.
 */
@Singleton
public class PrincipalRegistry implements SessionRotationHook {

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final SessionAccess access;
    private final OptionalInt maxSessions;
    private final boolean refuse;

    PrincipalRegistry(SessionAccess access, NovaSessionConfig config) {
        this.access = access;
        this.maxSessions = config.auth().maxSessionsPerPrincipal();
        this.refuse = config.auth().onMaxSessions() == OnMaxSessions.REFUSE;
        if (maxSessions.isPresent() && maxSessions.getAsInt() < 1) {
            throw new io.quarkus.runtime.configuration.ConfigurationException(
                    "quarkus.nova-session.auth.max-sessions-per-principal must be at least 1");
        }
    }

    static String principalKey(String principal) {
        return SessionIds.storeKey(principal);
    }

    /**
     * @return the live sessions of {@code principal}, most recently seen first
     */
    Uni<List<NovaSessionInfo>> sessionsOf(String principal) {
        return live(principal).map(found -> {
            List<NovaSessionInfo> sessions = new ArrayList<>(found.size());
            for (LiveEntry entry : found) {
                sessions.add(new NovaSessionInfo(entry.storeKey(), Instant.ofEpochMilli(entry.identity().loggedInAt()),
                        Instant.ofEpochMilli(entry.lastSeen()), entry.identity().userAgent(),
                        entry.identity().remoteAddress()));
            }
            sessions.sort(Comparator.comparing(NovaSessionInfo::lastSeen).reversed()
                    .thenComparing(NovaSessionInfo::storeKey));
            return sessions;
        });
    }

    /**
     * Enters a session that has just been rotated for a login, applying {@code max-sessions-per-principal}.
     *
     * @throws SessionLoginRefusedException (as the failure) when the limit refuses the login
     */
    Uni<Void> admit(SessionIdentity identity, String storeKey) {
        String principal = identity.principal();
        String entry = identity.toJson();
        if (maxSessions.isEmpty()) {
            return update(principal, entries -> {
                entries.put(storeKey, entry);
                return entries;
            }).replaceWithVoid();
        }
        int limit = maxSessions.getAsInt();
        String principalKey = principalKey(principal);
        // dead entries must not take room: find them first (a dead session never comes back to life)
        return access.principalSessions(principalKey)
                .chain(before -> live(principal).map(alive -> {
                    Set<String> dead = new HashSet<>(before.keySet());
                    alive.forEach(e -> dead.remove(e.storeKey()));
                    return dead;
                }))
                .chain(dead -> {
                    AtomicReference<List<String>> evicted = new AtomicReference<>(List.of());
                    AtomicBoolean refused = new AtomicBoolean();
                    UnaryOperator<Map<String, String>> change = entries -> {
                        // the atomic step: entries other logins added since the check are counted as live
                        entries.keySet().removeAll(dead);
                        entries.remove(storeKey);
                        List<String> out = new ArrayList<>();
                        refused.set(false);
                        if (entries.size() >= limit) {
                            if (refuse) {
                                refused.set(true);
                                evicted.set(List.of());
                                return entries;
                            }
                            // insertion order: the first entries are the oldest logins
                            List<String> keys = new ArrayList<>(entries.keySet());
                            out.addAll(keys.subList(0, entries.size() - limit + 1));
                            out.forEach(entries::remove);
                        }
                        evicted.set(out);
                        entries.put(storeKey, entry);
                        return entries;
                    };
                    return update(principal, change).chain(ignored -> {
                        if (refused.get()) {
                            return Uni.createFrom().failure(new SessionLoginRefusedException("'" + principal
                                    + "' is already logged in with " + limit + " sessions, the most "
                                    + "quarkus.nova-session.auth.max-sessions-per-principal allows"));
                        }
                        return endAll(evicted.get()).replaceWithVoid();
                    });
                });
    }

    /**
     * Removes a session's entry once it logged out.
     */
    Uni<Void> forget(String principal, String storeKey) {
        return update(principal, entries -> {
            entries.remove(storeKey);
            return entries;
        }).replaceWithVoid();
    }

    /**
     * @return how many live sessions ended
     */
    Uni<Integer> logoutEverywhere(String principal) {
        return live(principal).chain(found -> {
            List<String> keys = new ArrayList<>(found.size());
            found.forEach(entry -> keys.add(entry.storeKey()));
            return endAll(keys).chain(ended -> update(principal, entries -> {
                keys.forEach(entries::remove);
                return entries;
            }).replaceWith(ended));
        });
    }

    /**
     * @return whether {@code storeKey} was a live session of {@code principal}, now ended
     */
    Uni<Boolean> logout(String principal, String storeKey) {
        return access.principalSessions(principalKey(principal)).chain(entries -> {
            if (!entries.containsKey(storeKey)) {
                return Uni.createFrom().item(false);
            }
            return access.liveIdentity(storeKey).chain(found -> {
                boolean mine = found.map(live -> principalOf(live).equals(principal)).orElse(false);
                Uni<Boolean> ended = mine ? access.end(storeKey, NovaSessionDestroyed.Cause.LOGOUT)
                        : Uni.createFrom().item(false);
                return ended.chain(done -> forget(principal, storeKey).replaceWith(mine && done));
            });
        });
    }

    /**
     * Rotation of a logged-in session: its entry moves to the new store key, in one atomic update of the index.
     */
    @Override
    public Uni<Void> rotated(String oldStoreKey, String newStoreKey) {
        return access.liveIdentity(newStoreKey).chain(found -> {
            if (found.isEmpty()) {
                return DONE;
            }
            SessionIdentity identity = SessionIdentity.fromJson(found.get().identity());
            if (identity == null) {
                return DONE;
            }
            return update(identity.principal(), entries -> {
                String entry = entries.remove(oldStoreKey);
                entries.put(newStoreKey, entry != null ? entry : identity.toJson());
                return entries;
            }).replaceWithVoid();
        });
    }

    /**
     * The principal's index entries whose sessions are live and logged in as the principal; removes the others.
     */
    private Uni<List<LiveEntry>> live(String principal) {
        String principalKey = principalKey(principal);
        return access.principalSessions(principalKey).chain(entries -> {
            if (entries.isEmpty()) {
                return Uni.createFrom().item(List.<LiveEntry> of());
            }
            List<Uni<Optional<LiveEntry>>> checks = new ArrayList<>(entries.size());
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                String storeKey = entry.getKey();
                checks.add(access.liveIdentity(storeKey).map(found -> found
                        .filter(live -> principalOf(live).equals(principal))
                        .map(live -> new LiveEntry(storeKey, SessionIdentity.fromJson(live.identity()), live.lastSeen()))
                        .filter(e -> e.identity() != null)));
            }
            return Uni.join().all(checks).andFailFast().chain(results -> {
                List<LiveEntry> alive = new ArrayList<>();
                List<String> dead = new ArrayList<>();
                int i = 0;
                for (String storeKey : entries.keySet()) {
                    Optional<LiveEntry> result = results.get(i++);
                    if (result.isPresent()) {
                        alive.add(result.get());
                    } else {
                        dead.add(storeKey);
                    }
                }
                if (dead.isEmpty()) {
                    return Uni.createFrom().item(alive);
                }
                return update(principal, current -> {
                    dead.forEach(current::remove);
                    return current;
                }).replaceWith(alive);
            });
        });
    }

    private Uni<Map<String, String>> update(String principal, UnaryOperator<Map<String, String>> change) {
        String principalKey = principalKey(principal);
        return access.updatePrincipalSessions(principalKey, current -> change.apply(new LinkedHashMap<>(current)));
    }

    private Uni<Integer> endAll(List<String> storeKeys) {
        if (storeKeys.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Uni<Boolean>> ends = new ArrayList<>(storeKeys.size());
        for (String storeKey : storeKeys) {
            ends.add(access.end(storeKey, NovaSessionDestroyed.Cause.LOGOUT));
        }
        return Uni.join().all(ends).andFailFast().map(results -> (int) results.stream().filter(b -> b).count());
    }

    private static String principalOf(LiveIdentity live) {
        SessionIdentity identity = SessionIdentity.fromJson(live.identity());
        return identity == null ? "" : identity.principal();
    }

    private record LiveEntry(String storeKey, SessionIdentity identity, long lastSeen) {
    }
}
