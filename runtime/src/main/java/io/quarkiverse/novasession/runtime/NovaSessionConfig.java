package io.quarkiverse.novasession.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Run-time settings of the session layer: cookie, timeouts, limits and the built-in stores.
 */
@ConfigMapping(prefix = "quarkus.nova-session")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface NovaSessionConfig {

    /**
     * The session cookie. Every {@code Set-Cookie} the extension writes, the expiring one sent by
     * {@code NovaSession.delete()} included, uses these attributes.
     */
    CookieConfig cookie();

    /**
     * The longest a session operation may wait for a store that is not in-process (Infinispan, Redis, a custom store). Past
     * it the operation fails with {@code NovaSessionStoreException} and the request is answered with HTTP 503, instead
     * of hanging. In-process stores complete at once and are not timed.
     */
    @WithDefault("5S")
    Duration storeTimeout();

    /**
     * When a visitor's session begins. {@code eager}: every request without a valid session cookie gets
     * a new id and a cookie, before the application runs. {@code lazy}: no id and no cookie until the application
     * first writes to the session (or rotates it); until then {@code id()} returns null and reads find nothing, without
     * asking the store. Lazy creation spares bots and one-page visitors a session and a cookie banner.
     */
    @WithDefault("eager")
    Creation create();

    /**
     * When sessions begin.
     */
    enum Creation {
        /** A session for every visitor, at the first request. */
        EAGER,
        /** A session at the first write. */
        LAZY
    }

    /**
     * Secret keys that sign session ids, so that an id this application never issued is refused without asking the
     * store. The first key signs new ids; every key verifies, so a key is rotated by putting the new one first and
     * dropping the old one once its sessions have expired. Each key is at least 32 characters (for example
     * {@code openssl rand -base64 48}); keep them out of source control.
     * <p>
     * Unset, an application on the memory store draws a random key at start-up (its sessions die with it anyway), and
     * the instances sharing an {@code infinispan} or {@code redis} store agree on one key on their own: the first
     * instance generates a random 256-bit key and keeps it in the store, and every other instance reads it at
     * start-up. Set keys here to
     * rotate them, or to keep the signing secret out of the store.
     */
    Optional<List<String>> idKeys();

    /**
     * The largest session value, in characters of its JSON text. A larger value is refused with
     * {@code SessionLimitException} (HTTP 413 by default) and nothing is stored: sessions are for small state, and an
     * unbounded value lets one client fill the store.
     */
    @WithDefault("65536")
    int maxValueSize();

    /**
     * The longest session key, in characters. A longer key is refused with {@code SessionLimitException} (HTTP 413 by
     * default) before anything reaches the store: keys are names chosen by the application, and a key built from
     * client input must not be able to grow a session without bound.
     */
    @WithDefault("256")
    int maxKeyLength();

    /**
     * The most keys one session may hold. A write of a new key past it fails with {@code SessionLimitException} (HTTP
     * 413 by default) and nothing is stored; overwriting an existing key is always allowed. Enforced by the built-in stores; a
     * custom store
     * enforces it only if it chooses to (it can read this setting).
     */
    @WithDefault("100")
    int maxKeys();

    /**
     * How long a session lives without a request that uses it. An idle session reads as empty, is deleted from the
     * store, and its visitor gets a new id. OWASP's session cheat sheet suggests 2 to 5 minutes for high-value
     * applications and 15 to 30 minutes for others.
     */
    @WithDefault("30M")
    Duration idleTimeout();

    /**
     * How long a session lives at most, however active, counted from its start (rotating the id keeps the start): a
     * stolen id stops working at the latest then. The start is signed into the id, so it is enforced before any store
     * access, even for ids whose session a custom store never expires.
     */
    @WithDefault("8H")
    Duration absoluteTimeout();

    /**
     * How often a session's last-seen time is written back while it is in use. A session is expired once idle for
     * {@code idle-timeout}, measured from that time, so it may expire up to this much earlier than the exact idle time;
     * in exchange a request that only reads writes to the store at most once per interval instead of every time. Keep it
     * well under {@code idle-timeout}.
     */
    @WithDefault("1M")
    Duration touchInterval();

    /**
     * Authentication on sessions (with {@code quarkus.nova-session.auth.enabled=true}).
     */
    AuthConfig auth();

    /**
     * Authentication on sessions: where roles come from, how many sessions a principal may have, and the form login.
     */
    interface AuthConfig {

        /**
         * Where a logged-in request's roles come from:
         * <ul>
         * <li>{@code session}: the roles given at login, kept in the session (no identity store is asked again);</li>
         * <li>{@code identity-provider}: asked again on every authenticated request from the application's identity
         * providers (a {@code TrustedAuthenticationRequest} with the principal name, as Quarkus' form authentication
         * does), so that a role change, or a removed user, applies on the next request. Start-up fails if no identity
         * provider of the application answers such a request.</li>
         * </ul>
         */
        @WithDefault("session")
        RolesSource roles();

        /**
         * The most sessions one principal may be logged in with at once, across every instance. Unset, no limit.
         */
        OptionalInt maxSessionsPerPrincipal();

        /**
         * What a login over {@code max-sessions-per-principal} does: {@code evict-oldest} logs out the principal's
         * sessions that logged in first, as many as needed; {@code refuse} makes the login fail with
         * {@code SessionLoginRefusedException} (answered 403 unless the application maps it). The limit holds when
         * logins of one principal race on several instances.
         */
        @WithDefault("evict-oldest")
        OnMaxSessions onMaxSessions();

        /**
         * The priority of the {@code nova-session} authentication mechanism. The default is above Basic (2000), so that
         * a browser sent to a protected page is redirected to the login page rather than shown Basic's dialog when the
         * application also has Basic authentication; requests that carry no session identity go on to the next
         * mechanism.
         */
        @WithDefault("2100")
        int priority();

        /**
         * Form login (with {@code quarkus.nova-session.auth.form.enabled=true}).
         */
        FormConfig form();

        /**
         * Where roles come from.
         */
        enum RolesSource {
            /** The roles given at login. */
            SESSION,
            /** The application's identity providers, on every request. */
            IDENTITY_PROVIDER
        }

        /**
         * What a login over the per-principal limit does.
         */
        enum OnMaxSessions {
            /** Log out the principal's oldest sessions. */
            EVICT_OLDEST,
            /** Refuse the login. */
            REFUSE
        }
    }

    /**
     * Form login: the pages and parameter names, as Quarkus' {@code quarkus.http.auth.form.*} has them.
     */
    interface FormConfig {

        /**
         * The login page an unauthenticated browser is redirected to (302) when it asks for a protected resource as
         * HTML ({@code Accept} names {@code text/html}); other clients get 401. Empty, no redirect: always 401.
         */
        @WithDefault("/login.html")
        Optional<String> loginPage();

        /**
         * Where a failed login is redirected (302). Empty, a failed login is answered 401.
         */
        @WithDefault("/error.html")
        Optional<String> errorPage();

        /**
         * Where a successful login is redirected (302) when the visitor did not first ask for another page (the
         * location cookie). Empty, a successful login without a location is answered 200.
         */
        @WithDefault("/index.html")
        Optional<String> landingPage();

        /**
         * The path the login form posts to.
         */
        @WithDefault("/j_security_check")
        String postLocation();

        /**
         * The form parameter with the user name.
         */
        @WithDefault("j_username")
        String usernameParameter();

        /**
         * The form parameter with the password.
         */
        @WithDefault("j_password")
        String passwordParameter();

        /**
         * The cookie that remembers the page a visitor first asked for, to send them back to it after login
         * (HttpOnly, SameSite=Lax, Secure on HTTPS; it holds a URL of this application, never a session id).
         */
        @WithDefault("quarkus-redirect-location")
        String locationCookie();
    }

    /**
     * The memory store ({@code quarkus.nova-session.manager=memory}, the default).
     */
    MemoryStoreConfig memory();

    /**
     * Settings of the memory store.
     */
    interface MemoryStoreConfig {

        /**
         * The most sessions the memory store holds. Past it, it drops the sessions least likely to be used again (a
         * Caffeine cache's size eviction), logs a warning at most once a minute saying how many it dropped, and fires
         * {@code NovaSessionDestroyed} with cause {@code EVICTED}. It keeps a flood of clients from exhausting the heap.
         */
        @WithDefault("100000")
        int maxSessions();
    }

    /**
     * The Infinispan store ({@code quarkus.nova-session.manager=infinispan}).
     */
    InfinispanStoreConfig infinispan();

    /**
     * Settings of the Infinispan store. The connection itself (hosts, credentials, TLS) is the Quarkus Infinispan
     * client's: {@code quarkus.infinispan-client.*}; which client, {@code infinispan.client-name}, is fixed at build
     * time.
     */
    interface InfinispanStoreConfig {

        /**
         * The cache that holds the sessions. If the cluster lacks it at start-up, the extension creates it with
         * {@code cache-mode} and {@code owners}; an existing cache is used as it is.
         */
        @WithDefault("nova-sessions")
        String cacheName();

        /**
         * How a cache created by the extension spreads sessions: {@code replicated} (every node holds every session,
         * synchronously) or {@code distributed} ({@code owners} copies of each session).
         */
        @WithDefault("replicated")
        CacheMode cacheMode();

        /**
         * Copies of each session in a {@code distributed} cache created by the extension.
         */
        @WithDefault("2")
        int owners();

        /**
         * How often the cluster looks for expired sessions (the cache's expiration reaper), when this store creates the
         * cache. An idle session is dropped, and {@code NovaSessionExpired} fired, at most this long after it expired.
         */
        @WithDefault("1M")
        Duration expirationInterval();

        /**
         * How many times a write retries when another instance changed the same session at the same moment, before it
         * fails with {@code NovaSessionStoreException}.
         */
        @WithDefault("64")
        int maxWriteAttempts();
    }

    /**
     * The Redis store ({@code quarkus.nova-session.manager=redis}).
     */
    RedisStoreConfig redis();

    /**
     * Settings of the Redis store. The connection itself (hosts, standalone or cluster, credentials, TLS, pool) is the
     * Quarkus Redis client's: {@code quarkus.redis.*}; which client, {@code redis.client-name}, is fixed at build time.
     */
    interface RedisStoreConfig {

        /**
         * What every Redis key of the store starts with. The store touches no key outside it, so applications (or
         * instances of one application that must not share sessions) can use one Redis with different prefixes. End it
         * with a delimiter such as {@code :}, so that one prefix is never the beginning of another. It must not contain
         * <code>{</code> or <code>}</code>: the store puts each session's id between braces, the hash tag that keeps all
         * keys of a session in one slot of a Redis Cluster.
         */
        @WithDefault("nova:")
        String keyPrefix();

        /**
         * Whether each instance listens to Redis keyspace notifications of expired keys, to fire
         * {@code NovaSessionExpired} when Redis expires a session nobody came back for. Redis sends them only if the
         * server's {@code notify-keyspace-events} includes {@code E} and {@code x} (for example {@code Ex}); the store
         * checks it at start-up and logs a warning if not, but never changes it. A Redis Cluster sends no such
         * notification across nodes, so on a cluster no expiry is reported. The listener holds one connection of the
         * client's pool.
         */
        @WithDefault("true")
        boolean expiryEvents();
    }

    /**
     * Clustering of a cache created by the Infinispan store.
     */
    enum CacheMode {
        /** A synchronous replicated cache. */
        REPLICATED,
        /** A synchronous distributed cache. */
        DISTRIBUTED
    }

    /**
     * Session cookie attributes.
     */
    interface CookieConfig {

        /**
         * Name of the session cookie. It must be a valid cookie name (an RFC 7230 token).
         */
        @WithDefault("session_id")
        String name();

        /**
         * {@code Path} attribute of the session cookie.
         */
        @WithDefault("/")
        String path();

        /**
         * {@code Domain} attribute of the session cookie. Unset (the default), the cookie is a host-only cookie, the
         * safest choice.
         */
        Optional<String> domain();

        /**
         * Whether the session cookie carries {@code HttpOnly}, which keeps it out of reach of page scripts.
         */
        @WithDefault("true")
        boolean httpOnly();

        /**
         * When the session cookie carries {@code Secure}: {@code auto} when the request came over HTTPS (directly, or
         * through a trusted proxy per Quarkus' {@code quarkus.http.proxy.*} settings), {@code always}, or
         * {@code never}.
         */
        @WithDefault("auto")
        CookieSecure secure();

        /**
         * {@code SameSite} attribute of the session cookie: {@code lax}, {@code strict} or {@code none}. Browsers
         * drop a {@code SameSite=None} cookie that is not also {@code Secure}.
         */
        @WithDefault("lax")
        CookieSameSite sameSite();

        /**
         * {@code Max-Age} of the session cookie. Unset (the default), the cookie is a browser-session cookie, gone
         * when the browser closes.
         */
        Optional<Duration> maxAge();
    }

    /**
     * When the session cookie is marked {@code Secure}.
     */
    enum CookieSecure {
        /** When the request came over HTTPS. */
        AUTO,
        /** On every response. */
        ALWAYS,
        /** Never (plain-HTTP development only). */
        NEVER
    }

    /**
     * Values of the {@code SameSite} cookie attribute.
     */
    enum CookieSameSite {
        /** {@code SameSite=Lax}. */
        LAX("Lax"),
        /** {@code SameSite=Strict}. */
        STRICT("Strict"),
        /** {@code SameSite=None}. */
        NONE("None");

        private final String attributeValue;

        CookieSameSite(String attributeValue) {
            this.attributeValue = attributeValue;
        }

        /**
         * @return the value as written in a {@code Set-Cookie} header
         */
        public String attributeValue() {
            return attributeValue;
        }
    }
}
