package io.quarkiverse.novasession.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

/**
 * What survives a restart: in dev mode the generated key and the memory store's sessions; in a production or test
 * launch nothing at all.
 */
class DevModeCarryOverTest {

    @AfterEach
    void forget() {
        DevModeCarryOver.takeMemorySessions();
    }

    @Test
    void devModeKeepsOneGeneratedKeyForEveryStart() {
        String first = DevModeCarryOver.signingSecret(LaunchMode.DEVELOPMENT);
        assertThat(first).hasSizeGreaterThanOrEqualTo(SessionIdSigner.MIN_KEY_LENGTH);
        assertThat(DevModeCarryOver.signingSecret(LaunchMode.DEVELOPMENT)).isEqualTo(first);
    }

    @Test
    void productionAndTestLaunchesDrawANewKeyEachStart() {
        String dev = DevModeCarryOver.signingSecret(LaunchMode.DEVELOPMENT);
        String prod = DevModeCarryOver.signingSecret(LaunchMode.NORMAL);
        assertThat(prod).hasSizeGreaterThanOrEqualTo(SessionIdSigner.MIN_KEY_LENGTH).isNotEqualTo(dev);
        assertThat(DevModeCarryOver.signingSecret(LaunchMode.NORMAL)).isNotEqualTo(prod);
        assertThat(DevModeCarryOver.signingSecret(LaunchMode.TEST)).isNotEqualTo(dev);
    }

    @Test
    void devModeHandsTheKeptSessionsToTheNextStartOnce() {
        Map<String, Map<String, String>> sessions = Map.of("key", Map.of("cart", "\"books\""));
        DevModeCarryOver.keepMemorySessions(LaunchMode.DEVELOPMENT, sessions);
        assertThat(DevModeCarryOver.takeMemorySessions()).isSameAs(sessions);
        assertThat(DevModeCarryOver.takeMemorySessions()).isNull();
    }

    @Test
    void productionKeepsNoSessions() {
        DevModeCarryOver.keepMemorySessions(LaunchMode.NORMAL, Map.of("key", Map.of("cart", "\"books\"")));
        assertThat(DevModeCarryOver.takeMemorySessions()).isNull();
        DevModeCarryOver.keepMemorySessions(LaunchMode.TEST, Map.of("key", Map.of("cart", "\"books\"")));
        assertThat(DevModeCarryOver.takeMemorySessions()).isNull();
    }
}
