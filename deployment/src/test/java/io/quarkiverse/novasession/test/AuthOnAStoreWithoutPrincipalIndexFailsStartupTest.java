package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A custom store that keeps no principal index cannot carry authentication: start-up says what to implement, instead of
 * failing at the first login.
 */
class AuthOnAStoreWithoutPrincipalIndexFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = TestApps.onStore(RecordingStore.class, "quarkus.nova-session.auth.enabled=true")
            .assertException(failure -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    messages.append(t.getMessage()).append('\n');
                }
                assertThat(messages.toString()).contains("quarkus.nova-session.auth.enabled=true needs a store with a "
                        + "principal index: " + RecordingStore.class.getName() + " keeps no principal index: implement "
                        + "NovaSessionStore.principalSessions and updatePrincipalSessions");
            });

    @Test
    void startupFails() {
        fail("the application must not start");
    }
}
