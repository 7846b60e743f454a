package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class SessionsOfAPrincipalAreListedAndLoggedOutTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = AuthApps.endpoints();

    @Test
    void theListFollowsEveryWayASessionEnds() {
        Visitor phone = loggedIn("carol", "phone");
        Visitor laptop = loggedIn("carol", "laptop");
        Visitor tablet = loggedIn("carol", "tablet");
        Visitor other = loggedIn("dave", "desk");

        assertThat(keysOf("carol")).containsExactlyInAnyOrder(key(phone), key(laptop), key(tablet));
        assertThat(lines("carol")).anySatisfy(line -> assertThat(line)
                .isEqualTo(key(laptop) + "|laptop|127.0.0.1|true|true"));

        // "log out that device"; a store key of another principal is never touched
        assertThat(laptop.request().post("/auth/logout-one?user=carol&key=" + key(laptop)).body().asString())
                .isEqualTo("true");
        assertThat(laptop.request().get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(phone.request().post("/auth/logout-one?user=carol&key=" + key(other)).body().asString())
                .isEqualTo("false");
        assertThat(other.request().get("/auth/me").body().asString()).isEqualTo("dave []");
        assertThat(keysOf("carol")).containsExactlyInAnyOrder(key(phone), key(tablet));

        // the application deletes a session: it leaves the list
        tablet.keep(tablet.request().post("/auth/delete"));
        assertThat(keysOf("carol")).containsExactly(key(phone));

        // rotation moves the entry to the new store key
        String before = key(phone);
        String after = phone.keep(phone.request().post("/auth/rotate")).body().asString();
        assertThat(after).isNotEqualTo(before);
        assertThat(keysOf("carol")).containsExactly(after);
        assertThat(phone.request().get("/auth/me").body().asString()).isEqualTo("carol []");

        assertThat(phone.request().post("/auth/logout-everywhere?user=carol").body().asString()).isEqualTo("1");
        assertThat(phone.request().get("/auth/me").statusCode()).isEqualTo(401);
        assertThat(keysOf("carol")).isEmpty();
        assertThat(keysOf("dave")).containsExactly(key(other));
    }

    @Test
    void logoutEverywhereEndsEverySessionOfThePrincipal() {
        List<Visitor> devices = List.of(loggedIn("erin", "a"), loggedIn("erin", "b"), loggedIn("erin", "c"));
        assertThat(devices.get(0).request().post("/auth/logout-everywhere?user=erin").body().asString())
                .isEqualTo("3");
        for (Visitor device : devices) {
            assertThat(device.request().get("/auth/me").statusCode()).isEqualTo(401);
        }
        assertThat(devices.get(0).request().post("/auth/logout-everywhere?user=erin").body().asString())
                .isEqualTo("0");
    }

    private static Visitor loggedIn(String user, String userAgent) {
        Visitor visitor = Visitor.fresh();
        visitor.keep(visitor.request().header("User-Agent", userAgent).queryParam("user", user)
                .post("/auth/login"));
        assertThat(visitor.request().get("/auth/me").statusCode()).isEqualTo(200);
        return visitor;
    }

    private static String key(Visitor visitor) {
        return visitor.request().get("/auth/store-key").body().asString();
    }

    private static List<String> lines(String user) {
        String body = Visitor.fresh().request().get("/auth/sessions?user=" + user).body().asString();
        return body.isEmpty() ? List.of() : List.of(body.split("\n"));
    }

    private static List<String> keysOf(String user) {
        return lines(user).stream().map(line -> line.substring(0, line.indexOf('|'))).toList();
    }
}
