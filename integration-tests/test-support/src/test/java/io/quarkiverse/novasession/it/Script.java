package io.quarkiverse.novasession.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.restassured.RestAssured;

/**
 * A client without a cookie jar, as API clients, scripts and parallel XHRs are: it keeps the first session cookie it
 * got and sends it on every request, whatever the server answers, and never updates it. Unlike {@link Visitor}, which
 * follows every {@code Set-Cookie} as a browser does (and so hides an id that changes under it), it records every
 * session {@code Set-Cookie} it was answered, so a test can see id churn.
 */
public final class Script {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The answer to one request. */
    public record Reply(int status, String body, List<String> sessionCookies) {

        /**
         * @return the session ids this answer set (expiring cookies left out)
         */
        public List<String> sessionIds() {
            List<String> ids = new ArrayList<>();
            for (String cookie : sessionCookies) {
                String value = cookie.substring(Visitor.COOKIE.length() + 1, cookie.indexOf(';'));
                if (!value.isEmpty() && !cookie.contains("Max-Age=0")) {
                    ids.add(value);
                }
            }
            return ids;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final URI base = URI.create(RestAssured.baseURI + ":" + RestAssured.port);
    private final List<String> cookiesSeen = new CopyOnWriteArrayList<>();
    private String sessionId;

    private Script() {
    }

    /**
     * @return a script holding the cookie it got from {@code path}, its first request, sent without any cookie
     */
    public static Script withCookieFrom(String path) {
        Script script = new Script();
        Reply first = script.get(path);
        List<String> ids = first.sessionIds();
        if (ids.size() != 1) {
            throw new AssertionError("GET " + path + " without a cookie set " + first.sessionCookies()
                    + ", not one session cookie");
        }
        script.sessionId = ids.get(0);
        script.cookiesSeen.clear();
        return script;
    }

    /**
     * @return a script that sends {@code sessionId} on every request
     */
    public static Script withSessionId(String sessionId) {
        Script script = new Script();
        script.sessionId = sessionId;
        return script;
    }

    /**
     * @return the session id this script sends: always the same
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * @return every session {@code Set-Cookie} this script was answered since it took its cookie, in order
     */
    public List<String> cookiesSeen() {
        return List.copyOf(cookiesSeen);
    }

    public Reply get(String path) {
        return await(getAsync(path));
    }

    public Reply post(String path) {
        return await(send(request(path).POST(HttpRequest.BodyPublishers.noBody())));
    }

    public Reply putJson(String path, String json) {
        return await(putJsonAsync(path, json));
    }

    public CompletableFuture<Reply> getAsync(String path) {
        return send(request(path).GET());
    }

    /**
     * Sends the request now and does not wait for the answer.
     */
    public CompletableFuture<Reply> putJsonAsync(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /**
     * Waits for all the answers of requests sent together.
     */
    public static List<Reply> awaitAll(List<CompletableFuture<Reply>> requests) {
        List<Reply> replies = new ArrayList<>(requests.size());
        for (CompletableFuture<Reply> request : requests) {
            replies.add(await(request));
        }
        return replies;
    }

    public static Reply await(CompletableFuture<Reply> request) {
        try {
            return request.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? new UncheckedIOException(io)
                    : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer within " + TIMEOUT, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        return sessionId == null ? builder : builder.header("Cookie", Visitor.COOKIE + "=" + sessionId);
    }

    private CompletableFuture<Reply> send(HttpRequest.Builder builder) {
        return http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> {
                    List<String> cookies = new ArrayList<>();
                    for (String cookie : response.headers().allValues("Set-Cookie")) {
                        if (cookie.startsWith(Visitor.COOKIE + "=")) {
                            cookies.add(cookie);
                        }
                    }
                    cookiesSeen.addAll(cookies);
                    return new Reply(response.statusCode(), response.body(), List.copyOf(cookies));
                });
    }
}
