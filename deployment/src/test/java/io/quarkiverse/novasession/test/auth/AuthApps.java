package io.quarkiverse.novasession.test.auth;

import org.jboss.shrinkwrap.api.asset.StringAsset;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Applications with authentication on sessions: {@link AuthEndpoints} on the memory store, and users alice (role
 * user) and bob (roles user, admin) from Quarkus' embedded users.
 */
final class AuthApps {

    static final String USERS = """
            quarkus.security.users.embedded.enabled=true
            quarkus.security.users.embedded.plain-text=true
            quarkus.security.users.embedded.users.alice=alice-pw
            quarkus.security.users.embedded.roles.alice=user
            quarkus.security.users.embedded.users.bob=bob-pw
            quarkus.security.users.embedded.roles.bob=user,admin
            """;

    private AuthApps() {
    }

    static QuarkusUnitTest endpoints(String... properties) {
        return endpoints(new Class<?>[0], properties);
    }

    static QuarkusUnitTest endpoints(Class<?>[] classes, String... properties) {
        String config = "quarkus.nova-session.auth.enabled=true\n" + String.join("\n", properties) + "\n";
        return new QuarkusUnitTest().withApplicationRoot(jar -> jar
                .addClasses(AuthApps.class, AuthEndpoints.class, Visitor.class).addClasses(classes)
                .addAsResource(new StringAsset(config), "application.properties"));
    }
}
