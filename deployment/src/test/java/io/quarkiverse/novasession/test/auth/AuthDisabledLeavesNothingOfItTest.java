package io.quarkiverse.novasession.test.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.NovaSessionLogin;
import io.quarkiverse.novasession.NovaSessionRegistry;
import io.quarkiverse.novasession.ReactiveNovaSessionLogin;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;

class AuthDisabledLeavesNothingOfItTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest().withApplicationRoot(jar -> jar
            .addAsResource(new StringAsset(AuthApps.USERS + "quarkus.http.auth.basic=true\n"), "application.properties")
            .addClasses(AuthApps.class));

    @Inject
    Instance<NovaSessionLogin> login;

    @Inject
    Instance<ReactiveNovaSessionLogin> reactiveLogin;

    @Inject
    Instance<NovaSessionRegistry> registry;

    @Inject
    @Any
    Instance<HttpAuthenticationMechanism> mechanisms;

    @Test
    void noLoginBeanNoRegistryAndNoSessionMechanism() {
        assertThat(login.isResolvable()).isFalse();
        assertThat(reactiveLogin.isResolvable()).isFalse();
        assertThat(registry.isResolvable()).isFalse();
        assertThat(mechanisms.stream().map(m -> m.getClass().getName()))
                .noneMatch(name -> name.startsWith("io.quarkiverse.novasession"));
        // sessions are still issued as before
        assertThat(given().get("/nothing").getCookie("session_id")).isNotNull();
    }
}
