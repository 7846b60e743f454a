package io.quarkiverse.novasession.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieConfig;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSameSite;
import io.quarkiverse.novasession.runtime.NovaSessionConfig.CookieSecure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.KeyStoreOptions;

/**
 * {@link SessionCookieWriter} on its own, no Quarkus: the exact {@code Set-Cookie} and {@code Cache-Control} headers
 * it writes, as a real HTTP client receives them from a real Vert.x server, over plain HTTP and over TLS (for
 * {@code secure=auto}).
 */
class SessionCookieWriterTest {

    private static final CookieSettings DEFAULTS = new CookieSettings("session_id", "/", Optional.empty(), true,
            CookieSecure.AUTO, CookieSameSite.LAX, Optional.empty());
    private static final String PRIVATE = "private, no-cache=\"Set-Cookie\"";
    private static final String EXPIRED = "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    private static final String ID = SessionIdSigner.withRandomKey().generate();

    private static Vertx vertx;
    private static HttpServer plainServer;
    private static HttpServer tlsServer;
    private static HttpClient client;
    /** What the servers do with the request before ending its response; set by each test. */
    private static volatile Consumer<HttpServerRequest> onRequest;

    @BeforeAll
    static void startServersAndClient(@TempDir Path dir) throws Exception {
        Path keyStore = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "password", "-keypass", "password")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        vertx = Vertx.vertx();
        plainServer = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(SessionCookieWriterTest::handle).listen());
        tlsServer = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new KeyStoreOptions().setType("PKCS12").setPath(keyStore.toString())
                        .setPassword("password")))
                .requestHandler(SessionCookieWriterTest::handle).listen());
        client = vertx.createHttpClient(new HttpClientOptions().setTrustAll(true).setVerifyHost(false));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @Test
    void defaultsWriteHostOnlyHttpOnlyLaxBrowserSessionCookieOnPlainHttp() {
        Response response = sessionCookie(DEFAULTS, false);

        assertThat(response.setCookies()).containsExactly("session_id=" + ID + "; Path=/; HttpOnly; SameSite=Lax");
        assertThat(response.cacheControl()).isEqualTo(PRIVATE);
    }

    @Test
    void autoSecureMarksTheCookieSecureOnATlsRequest() {
        Response response = sessionCookie(DEFAULTS, true);

        assertThat(response.setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; Secure; HttpOnly; SameSite=Lax");
    }

    @Test
    void alwaysSecureMarksTheCookieSecureOnPlainHttp() {
        assertThat(sessionCookie(DEFAULTS.secure(CookieSecure.ALWAYS), false).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; Secure; HttpOnly; SameSite=Lax");
    }

    @Test
    void neverSecureLeavesSecureOutOnATlsRequest() {
        assertThat(sessionCookie(DEFAULTS.secure(CookieSecure.NEVER), true).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void nameAttributeNamesTheCookie() {
        assertThat(sessionCookie(DEFAULTS.name("SID"), false).setCookies())
                .containsExactly("SID=" + ID + "; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void pathAttributeIsWrittenAsConfigured() {
        assertThat(sessionCookie(DEFAULTS.path("/shop"), false).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/shop; HttpOnly; SameSite=Lax");
    }

    @Test
    void domainAttributeFollowsThePath() {
        assertThat(sessionCookie(DEFAULTS.domain("example.com"), false).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; Domain=example.com; HttpOnly; SameSite=Lax");
    }

    @Test
    void httpOnlyFalseLeavesHttpOnlyOut() {
        assertThat(sessionCookie(DEFAULTS.httpOnly(false), false).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; SameSite=Lax");
    }

    @Test
    void sameSiteStrictAndNoneAreWrittenInTheirHeaderSpelling() {
        assertThat(sessionCookie(DEFAULTS.sameSite(CookieSameSite.STRICT), false).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; HttpOnly; SameSite=Strict");
        assertThat(sessionCookie(DEFAULTS.sameSite(CookieSameSite.NONE), true).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; Secure; HttpOnly; SameSite=None");
    }

    @Test
    void maxAgeIsWrittenInSeconds() {
        assertThat(sessionCookie(DEFAULTS.maxAge(Duration.ofMinutes(30)), false).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/; Max-Age=1800; HttpOnly; SameSite=Lax");
    }

    @Test
    void everyAttributeTogetherInTheirFixedOrder() {
        CookieSettings all = new CookieSettings("sid", "/app", Optional.of("shop.example.com"), false,
                CookieSecure.ALWAYS, CookieSameSite.STRICT, Optional.of(Duration.ofHours(1)));

        assertThat(sessionCookie(all, false).setCookies()).containsExactly(
                "sid=" + ID + "; Path=/app; Domain=shop.example.com; Max-Age=3600; Secure; SameSite=Strict");
    }

    @Test
    void expiringCookieIsEmptyWithMaxAgeZeroAndTheEpochAsExpiryWhateverTheConfiguredMaxAge() {
        Response response = exchange(DEFAULTS.maxAge(Duration.ofMinutes(30)), false,
                (writer, request) -> writer.writeExpiringCookie(request));

        assertThat(response.setCookies()).containsExactly("session_id=; Path=/" + EXPIRED + "; HttpOnly; SameSite=Lax");
        assertThat(response.cacheControl()).isEqualTo(PRIVATE);
    }

    @Test
    void expiringCookieCarriesTheSameScopeAndFlagsAsTheSessionCookie() {
        Response response = exchange(DEFAULTS.path("/shop").domain("example.com"), true,
                (writer, request) -> writer.writeExpiringCookie(request));

        assertThat(response.setCookies()).containsExactly(
                "session_id=; Path=/shop; Domain=example.com" + EXPIRED + "; Secure; HttpOnly; SameSite=Lax");
    }

    @Test
    void publicAndSharedMaxAgeDirectivesOfTheApplicationAreDroppedAndPrivateAdded() {
        assertThat(withApplicationCacheControl("public, max-age=60")).isEqualTo("max-age=60, " + PRIVATE);
        assertThat(withApplicationCacheControl("s-maxage=600, max-age=60")).isEqualTo("max-age=60, " + PRIVATE);
        assertThat(withApplicationCacheControl("PUBLIC, S-MAXAGE=600")).isEqualTo(PRIVATE);
        assertThat(withApplicationCacheControl("public")).isEqualTo(PRIVATE);
    }

    @Test
    void privateOrNoStoreOfTheApplicationIsKeptAsItIs() {
        assertThat(withApplicationCacheControl("private, max-age=60")).isEqualTo("private, max-age=60");
        assertThat(withApplicationCacheControl("no-store")).isEqualTo("no-store");
        assertThat(withApplicationCacheControl("public, no-store")).isEqualTo("no-store");
    }

    @Test
    void otherApplicationDirectivesAreKeptInOrderWithEmptyOnesRemoved() {
        assertThat(withApplicationCacheControl("no-cache, , must-revalidate"))
                .isEqualTo("no-cache, must-revalidate, " + PRIVATE);
        assertThat(withApplicationCacheControl("   ")).isEqualTo(PRIVATE);
    }

    @Test
    void twoCookiesInOneResponseLeaveOneUnchangedCacheControl() {
        Response response = exchange(DEFAULTS, false, (writer, request) -> {
            writer.writeExpiringCookie(request);
            writer.writeSessionCookie(request, ID);
        });

        assertThat(response.setCookies()).containsExactly(
                "session_id=; Path=/" + EXPIRED + "; HttpOnly; SameSite=Lax",
                "session_id=" + ID + "; Path=/; HttpOnly; SameSite=Lax");
        assertThat(response.cacheControls()).containsExactly(PRIVATE);
    }

    @Test
    void cookieNamesThatAreNotTokensAreRefused() {
        for (String name : List.of("", "session id", "a;b", "a=b", "a,b", "\"sid\"", "s\u00e9ssion", "sid\r\n")) {
            assertThatThrownBy(() -> new SessionCookieWriter(DEFAULTS.name(name))).as("name '%s'", name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("quarkus.nova-session.cookie.name '" + name + "' is not a valid cookie name");
        }
        assertThat(sessionCookie(DEFAULTS.name("!#$%&'*+-.^_`|~Az09"), false).setCookies())
                .containsExactly("!#$%&'*+-.^_`|~Az09=" + ID + "; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void pathsAndDomainsWithSemicolonsOrControlCharactersAreRefused() {
        for (String path : List.of("/a;b", "/a\r\nSet-Cookie: x=y", "/\u007f", "/a\tb")) {
            assertThatThrownBy(() -> new SessionCookieWriter(DEFAULTS.path(path))).as("path '%s'", path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("quarkus.nova-session.cookie.path '" + path + "' contains a ';' or a control character,"
                            + " which would break the Set-Cookie header");
        }
        assertThatThrownBy(() -> new SessionCookieWriter(DEFAULTS.domain("example.com; Secure")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("quarkus.nova-session.cookie.domain 'example.com; Secure'");
        assertThat(sessionCookie(DEFAULTS.path("/a b/%20"), false).setCookies())
                .containsExactly("session_id=" + ID + "; Path=/a b/%20; HttpOnly; SameSite=Lax");
    }

    private static String withApplicationCacheControl(String cacheControl) {
        return exchange(DEFAULTS, false, (writer, request) -> {
            request.response().headers().set(HttpHeaders.CACHE_CONTROL, cacheControl);
            writer.writeSessionCookie(request, ID);
        }).cacheControl();
    }

    private static Response sessionCookie(CookieSettings settings, boolean tls) {
        return exchange(settings, tls, (writer, request) -> writer.writeSessionCookie(request, ID));
    }

    /**
     * Sends a request to the plain or the TLS server, which runs {@code write} with a writer for {@code settings}.
     */
    private static Response exchange(CookieSettings settings, boolean tls, Write write) {
        SessionCookieWriter writer = new SessionCookieWriter(settings);
        onRequest = request -> write.to(writer, request);
        HttpServer server = tls ? tlsServer : plainServer;
        RequestOptions options = new RequestOptions().setHost("127.0.0.1").setPort(server.actualPort()).setURI("/")
                .setSsl(tls);
        HttpClientResponse response = await(client.request(options)
                .compose(request -> request.send())
                .compose(received -> received.body().map(body -> {
                    assertThat(received.statusCode()).as(body.toString()).isEqualTo(200);
                    return received;
                })));
        return new Response(response.headers().getAll(HttpHeaders.SET_COOKIE),
                response.headers().getAll(HttpHeaders.CACHE_CONTROL));
    }

    private static void handle(HttpServerRequest request) {
        try {
            onRequest.accept(request);
            request.response().end();
        } catch (RuntimeException e) {
            request.response().setStatusCode(500).end(String.valueOf(e));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Write {
        void to(SessionCookieWriter writer, HttpServerRequest request);
    }

    private record Response(List<String> setCookies, List<String> cacheControls) {
        String cacheControl() {
            assertThat(cacheControls).hasSize(1);
            return cacheControls.get(0);
        }
    }

    /**
     * The cookie configuration, as Quarkus would map it from {@code quarkus.nova-session.cookie.*}.
     */
    private record CookieSettings(String name, String path, Optional<String> domain, boolean httpOnly,
            CookieSecure secure, CookieSameSite sameSite, Optional<Duration> maxAge) implements CookieConfig {

        CookieSettings name(String value) {
            return new CookieSettings(value, path, domain, httpOnly, secure, sameSite, maxAge);
        }

        CookieSettings path(String value) {
            return new CookieSettings(name, value, domain, httpOnly, secure, sameSite, maxAge);
        }

        CookieSettings domain(String value) {
            return new CookieSettings(name, path, Optional.of(value), httpOnly, secure, sameSite, maxAge);
        }

        CookieSettings httpOnly(boolean value) {
            return new CookieSettings(name, path, domain, value, secure, sameSite, maxAge);
        }

        CookieSettings secure(CookieSecure value) {
            return new CookieSettings(name, path, domain, httpOnly, value, sameSite, maxAge);
        }

        CookieSettings sameSite(CookieSameSite value) {
            return new CookieSettings(name, path, domain, httpOnly, secure, value, maxAge);
        }

        CookieSettings maxAge(Duration value) {
            return new CookieSettings(name, path, domain, httpOnly, secure, sameSite, Optional.of(value));
        }
    }
}
