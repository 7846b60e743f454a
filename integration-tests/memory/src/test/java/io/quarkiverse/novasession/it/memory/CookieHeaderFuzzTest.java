package io.quarkiverse.novasession.it.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.it.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Throws 100,000 generated {@code Cookie} headers at the running application, over raw HTTP/1.1 so that any byte can be
 * sent: empty values, up to 10,000 characters, random bytes, quotes, {@code =} and {@code ;} inside values, many
 * cookies, duplicate session cookies, ids off by one character, ids this application issued but whose session expired
 * or was rotated away, a legitimately owned id among others. Every answer must be below 500, must either serve the
 * owned session or issue one valid fresh id, and no request creates a store entry (the endpoint only reads). The
 * generator is seeded, so a failure can be replayed with the seed it prints.
 * <p>
 * A short idle timeout makes an expired id cheap to come by; the owned session stays alive by being used.
 */
@QuarkusTest
@TestProfile(CookieHeaderFuzzTest.ShortIdleTimeout.class)
class CookieHeaderFuzzTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.nova-session.idle-timeout", "3S", "quarkus.nova-session.touch-interval", "500MS");
        }
    }

    private static final int CASES = 100_000;
    private static final Pattern SET_COOKIE = Pattern.compile("(?im)^set-cookie: session_id=([^;\\r\\n]*)");
    private static final Pattern FRESH_COOKIE = Pattern
            .compile("(?im)^set-cookie: session_id=[A-Za-z0-9_-]{54}; Path=/; HttpOnly; SameSite=Lax\\r?$");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noGeneratedCookieHeaderCausesAServerErrorCreatesStateOrOpensAnotherSession()
            throws IOException, InterruptedException {
        Visitor owner = new Visitor();
        owner.putJson("/values?key=secret&type=string", "\"owner's data\"");
        String ownedId = owner.sessionId();

        // an id whose session rotated away: its data now lives under the new id
        Visitor rotating = new Visitor();
        rotating.putJson("/values?key=secret&type=string", "\"before login\"");
        String rotatedId = rotating.sessionId();
        assertThat(rotating.postForm("/login", "user", "mallory").statusCode()).isEqualTo(200);
        assertThat(rotating.sessionId()).isNotEqualTo(rotatedId);

        // an id whose session expires: left idle past the timeout while the owner keeps using theirs
        Visitor idle = new Visitor();
        idle.putJson("/values?key=secret&type=string", "\"idle data\"");
        String expiredId = idle.sessionId();
        long idleUntil = System.currentTimeMillis() + 3_500;
        while (System.currentTimeMillis() < idleUntil) {
            assertThat(owner.get("/values?key=secret&type=string").statusCode()).isEqualTo(200);
            Thread.sleep(250);
        }
        List<String> deadIds = List.of(rotatedId, expiredId);
        // settle the store: the expired session is deleted on its id's return, the rotated one's successor logs out
        assertThat(idle.get("/values?key=secret&type=string").statusCode()).isEqualTo(404);
        assertThat(rotating.post("/logout").statusCode()).isEqualTo(200);
        int sessionsBefore = sessions();
        assertThat(sessionsBefore).isEqualTo(1);

        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("[cookie-fuzz] seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        RawHttpClient client = new RawHttpClient(port);
        int owned = 0;
        int fresh = 0;
        int rejectedByHttp = 0;
        try {
            for (int i = 0; i < CASES; i++) {
                String cookieHeader = CookieHeaders.generate(random, ownedId, deadIds);
                RawHttpClient.Answer answer = client.get("/values?key=secret&type=string", cookieHeader);
                String context = "case " + i + " (seed " + seed + "), Cookie: " + abbreviate(cookieHeader);
                assertThat(answer.status()).as(context).isLessThan(500);
                if (answer.status() == 400 && !answer.headers().toLowerCase(Locale.ROOT).contains("set-cookie")) {
                    rejectedByHttp++; // the HTTP layer refused the header before any application code ran
                    continue;
                }
                List<String> issued = new ArrayList<>();
                Matcher matcher = SET_COOKIE.matcher(answer.headers());
                while (matcher.find()) {
                    issued.add(matcher.group(1));
                }
                if (issued.isEmpty()) {
                    // adopted an existing session: only the owner's id can do that, and then it reads the owner's data
                    assertThat(cookieHeader).as(context).contains(ownedId);
                    assertThat(answer.body()).as(context).isEqualTo("\"owner's data\"");
                    owned++;
                } else {
                    assertThat(issued).as(context).hasSize(1);
                    assertThat(FRESH_COOKIE.matcher(answer.headers()).find()).as(context).isTrue();
                    assertThat(cookieHeader).as(context).doesNotContain(issued.get(0));
                    assertThat(answer.body()).as(context).doesNotContain("idle data").doesNotContain("before login");
                    assertThat(answer.status()).as(context).isEqualTo(404);
                    fresh++;
                }
            }
        } finally {
            client.close();
        }
        System.out.printf("[cookie-fuzz] %d cases: %d served the owned session, %d got a fresh id, %d refused by HTTP%n",
                CASES, owned, fresh, rejectedByHttp);
        assertThat(owned).isPositive();
        assertThat(fresh).isPositive();
        assertThat(sessions()).isEqualTo(sessionsBefore);
    }

    private static int sessions() {
        return Integer.parseInt(given().get("/inspect/memory-sessions").body().asString());
    }

    private static String abbreviate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "... (" + value.length() + " chars)";
    }

    /**
     * Cookie headers of every shape a client, honest or not, might send.
     */
    static final class CookieHeaders {

        private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        private static final String NASTY = "\"=; ,\\\t'`%$#!{}[]<>\u00e9\u00ff\u0000\u0001\u007f";

        static String generate(Random random, String ownedId, List<String> deadIds) {
            switch (random.nextInt(14)) {
                case 0:
                    return "";
                case 1:
                    return "session_id=";
                case 2:
                    return "session_id=" + text(random, random.nextInt(10_001), BASE64URL + NASTY);
                case 3:
                    return rawBytes(random, random.nextInt(2_000));
                case 4:
                    return "session_id=" + offByOne(random, ownedId);
                case 5:
                    return "session_id=" + ownedId + "; session_id=" + offByOne(random, ownedId);
                case 6:
                    return manyCookies(random, ownedId, true);
                case 7:
                    return manyCookies(random, ownedId, false);
                case 8:
                    return "session_id=" + text(random, 54, BASE64URL); // well-formed length, forged MAC
                case 9:
                    return "session_id=\"" + ownedId + "\"; session_id=" + ownedId;
                case 10:
                    return "session_id=" + ownedId + text(random, 1 + random.nextInt(3), NASTY + BASE64URL);
                case 11:
                    return "session_id=" + deadIds.get(random.nextInt(deadIds.size())); // issued, expired or rotated
                case 12:
                    return "theme=dark; session_id=" + deadIds.get(random.nextInt(deadIds.size())) + "; lang=en";
                default:
                    return "session_id=" + ownedId;
            }
        }

        private static String manyCookies(Random random, String ownedId, boolean includeOwned) {
            StringBuilder header = new StringBuilder();
            int count = 1 + random.nextInt(60);
            int ownedAt = includeOwned ? random.nextInt(count) : -1;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    header.append(random.nextBoolean() ? "; " : ";");
                }
                if (i == ownedAt) {
                    header.append("session_id=").append(ownedId);
                } else if (random.nextInt(4) == 0) {
                    header.append("session_id=").append(text(random, random.nextInt(60), BASE64URL + NASTY));
                } else {
                    header.append(text(random, 1 + random.nextInt(10), BASE64URL)).append('=')
                            .append(text(random, random.nextInt(40), BASE64URL + NASTY));
                }
            }
            return header.toString();
        }

        private static String offByOne(Random random, String id) {
            int at = random.nextInt(id.length());
            char replacement;
            do {
                replacement = BASE64URL.charAt(random.nextInt(BASE64URL.length()));
            } while (replacement == id.charAt(at));
            return id.substring(0, at) + replacement + id.substring(at + 1);
        }

        private static String text(Random random, int length, String alphabet) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        /** Any byte but CR and LF, which no client can put inside a header line. */
        private static String rawBytes(Random random, int length) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                char c = (char) random.nextInt(256);
                text.append(c == '\r' || c == '\n' ? ' ' : c);
            }
            return text.toString();
        }
    }

    /**
     * A minimal HTTP/1.1 client over one kept-alive socket, reconnecting when the server closes it. Header bytes are
     * sent as ISO-8859-1, exactly as generated.
     */
    static final class RawHttpClient implements AutoCloseable {

        record Answer(int status, String headers, String body) {
        }

        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        RawHttpClient(int port) {
            this.port = port;
        }

        Answer get(String path, String cookieHeader) throws IOException {
            for (int attempt = 0; attempt < 2; attempt++) {
                connectIfNeeded();
                String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + (cookieHeader.isEmpty() ? "" : "Cookie: " + cookieHeader + "\r\n") + "\r\n";
                try {
                    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Answer answer = read();
                    if (answer != null) {
                        if (answer.headers().toLowerCase(Locale.ROOT).contains("connection: close")) {
                            close();
                        }
                        return answer;
                    }
                } catch (IOException closedMeanwhile) {
                    // the server closed the kept-alive connection: reconnect and send again
                }
                close();
            }
            throw new IOException("No answer to a request with Cookie: " + cookieHeader.length() + " chars");
        }

        private Answer read() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1
                        : (b == '\r' ? 1 : 0);
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(headers.substring(9, 12));
            Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(headers);
            int contentLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
            byte[] body = in.readNBytes(contentLength);
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private void connectIfNeeded() throws IOException {
            if (socket == null) {
                socket = new Socket("127.0.0.1", port);
                socket.setSoTimeout(10_000);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }
}
