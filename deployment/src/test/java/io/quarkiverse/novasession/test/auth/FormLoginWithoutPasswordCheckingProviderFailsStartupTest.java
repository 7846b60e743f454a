package io.quarkiverse.novasession.test.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

class FormLoginWithoutPasswordCheckingProviderFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(AuthEndpoints.class)
                    .addAsResource(new StringAsset("quarkus.nova-session.auth.enabled=true\n"
                            + "quarkus.nova-session.auth.form.enabled=true\n"), "application.properties"))
            .assertException(failure -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                assertThat(messages.toString()).contains("quarkus.nova-session.auth.form.enabled=true, but no identity "
                        + "provider of the application checks user names and passwords");
            });

    @Test
    void startupFails() {
        fail("the application must not start");
    }
}
