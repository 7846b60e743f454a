package io.quarkiverse.novasession.test.auth;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A client with one cookie jar that it updates only when told to, as a script that keeps the cookie it has: a test
 * sees every Set-Cookie instead of following it silently.
 */
final class Visitor {

    private String cookie;

    static Visitor withCookieOf(Response response) {
        Visitor visitor = new Visitor();
        visitor.cookie = response.getCookie("session_id");
        return visitor;
    }

    static Visitor fresh() {
        return withCookieOf(given().get("/auth/public"));
    }

    String cookie() {
        return cookie;
    }

    Visitor copy() {
        Visitor copy = new Visitor();
        copy.cookie = cookie;
        return copy;
    }

    RequestSpecification request() {
        RequestSpecification request = given().redirects().follow(false);
        return cookie == null ? request : request.cookie("session_id", cookie);
    }

    /**
     * Sends the request and keeps the cookie the response sets, if any.
     */
    Response keep(Response response) {
        String set = response.getCookie("session_id");
        if (set != null) {
            cookie = set.isEmpty() ? null : set;
        }
        return response;
    }

    Response login(String user, String roles) {
        return keep(request().queryParam("user", user).queryParam("roles", roles).post("/auth/login"));
    }
}
