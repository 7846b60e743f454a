package io.quarkiverse.novasession.runtime.store;

import static io.quarkiverse.novasession.NovaSessionStore.LAST_SEEN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.SessionLimitException;

/**
 * {@link StoreLimits#keysRefusal} on its own, no Quarkus: which writes fit {@code max-keys}, and what a refusal says.
 */
class StoreLimitsTest {

    private static final int MAX_KEYS = 3;

    @Test
    void overwritingKeysOfASessionAlreadyAtTheLimitIsAllowed() {
        Set<String> held = Set.of("a", "b", "c", LAST_SEEN_KEY);

        assertThat(refusal(List.of("a", "b"), held)).isNull();
        assertThat(refusal(List.of("c"), held)).isNull();
    }

    @Test
    void lastSeenKeyHeldBySessionIsNotCountedAsAnApplicationKey() {
        // two application keys and the last-seen time: room for one more
        assertThat(refusal(List.of("c"), Set.of("a", "b", LAST_SEEN_KEY))).isNull();
    }

    @Test
    void lastSeenKeyInTheWriteIsNotANewKey() {
        Set<String> atLimit = Set.of("a", "b", "c");

        assertThat(refusal(List.of(LAST_SEEN_KEY), atLimit)).isNull();
        assertThat(refusal(List.of(LAST_SEEN_KEY, "a"), atLimit)).isNull();
    }

    @Test
    void writeThatBringsTheSessionExactlyToTheLimitIsAllowed() {
        assertThat(refusal(List.of("c"), Set.of("a", "b"))).isNull();
        assertThat(refusal(List.of("b", "c"), Set.of("a", LAST_SEEN_KEY))).isNull();
        assertThat(refusal(List.of("a", "b", "c"), Set.of())).isNull();
    }

    @Test
    void writeThatTakesTheSessionOneKeyOverTheLimitIsRefused() {
        assertThat(refusal(List.of("d"), Set.of("a", "b", "c", LAST_SEEN_KEY))).isNotNull();
        assertThat(refusal(List.of("d"), Set.of("a", "b", "c"))).isNotNull();
        assertThat(refusal(List.of("c", "d"), Set.of("a", "b"))).isNotNull();
        assertThat(refusal(List.of("a", "b", "c", "d"), Set.of())).isNotNull();
    }

    @Test
    void refusalNamesTheFirstApplicationKeyOfTheWriteAndTheLimit() {
        SessionLimitException refusal = refusal(List.of(LAST_SEEN_KEY, "x", "y"), Set.of("a", "b", LAST_SEEN_KEY));

        assertThat(refusal.key()).isEqualTo("x");
        assertThat(refusal).hasMessage("Session key 'x' would be one key too many: a session holds at most "
                + "quarkus.nova-session.max-keys=3 keys. Nothing was stored");
    }

    @Test
    void refusalNamesTheFirstNewKeyOfTheWriteNotAnOverwrite() {
        SessionLimitException refusal = refusal(List.of("a", "d"), Set.of("a", "b", "c"));

        assertThat(refusal.key()).isEqualTo("d");
        assertThat(refusal.getMessage()).startsWith("Session key 'd' would be one key too many");
    }

    private static SessionLimitException refusal(List<String> write, Set<String> held) {
        return StoreLimits.keysRefusal(write, held::contains, held.size(), MAX_KEYS);
    }
}
