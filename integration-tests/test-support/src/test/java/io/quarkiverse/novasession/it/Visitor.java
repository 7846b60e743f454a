package io.quarkiverse.novasession.it;

import static io.restassured.RestAssured.given;

import java.util.List;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser in miniature: it keeps the session cookie the server gives it and sends it back, as a cookie jar does.
 */
public class Visitor {

    public static final String COOKIE = "session_id";

    private String sessionId;
    private String baseUri;

    /**
     * Sends the next requests to another server (another instance of the application), with the same cookie.
     */
    public Visitor via(String baseUri) {
        this.baseUri = baseUri;
        return this;
    }

    public String sessionId() {
        return sessionId;
    }

    public Visitor withSessionId(String id) {
        this.sessionId = id;
        return this;
    }

    public RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false);
        if (baseUri != null) {
            spec = spec.baseUri(baseUri).port(-1);
        }
        return sessionId == null ? spec : spec.cookie(COOKIE, sessionId);
    }

    public Response get(String path) {
        return remember(request().get(path));
    }

    public Response post(String path) {
        return remember(request().post(path));
    }

    public Response postForm(String path, String name, String value) {
        return remember(request().formParam(name, value).post(path));
    }

    public Response postJson(String path, String json) {
        return remember(request().contentType("application/json").body(json).post(path));
    }

    public Response putJson(String path, String json) {
        return remember(request().contentType("application/json").body(json).put(path));
    }

    public Response delete(String path) {
        return remember(request().delete(path));
    }

    /**
     * Applies the response's session cookie, as a browser would: a new value replaces the old one, an expiring one
     * removes it.
     */
    public Response remember(Response response) {
        List<String> cookies = sessionCookies(response);
        for (String setCookie : cookies) {
            String value = setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
            sessionId = setCookie.contains("Max-Age=0") || value.isEmpty() ? null : value;
        }
        return response;
    }

    public static List<String> sessionCookies(Response response) {
        return response.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "=")).toList();
    }
}
