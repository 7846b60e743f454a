package io.quarkiverse.novasession.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.novasession.SessionEndedException;
import io.smallrye.mutiny.Uni;

/**
 * A known answer runs its steps at once and a pending one when its Uni completes, with the same results either way.
 */
class AnswerTest {

    @Test
    void aKnownAnswerRunsEveryStepBeforeTheChainIsBuilt() {
        List<String> steps = new ArrayList<>();
        Answer<Integer> answer = Answer.of(Uni.createFrom().item(1))
                .invoke(item -> steps.add("invoke " + item))
                .map(item -> item + 1)
                .chain(item -> Answer.known(item * 10));

        assertThat(steps).containsExactly("invoke 1");
        assertThat(answer.uni().await().indefinitely()).isEqualTo(20);
    }

    @Test
    void aPendingAnswerGivesTheSameResultWhenItsUniCompletes() {
        Uni<Integer> later = Uni.createFrom().item(1).onItem().delayIt().by(Duration.ofMillis(50));
        List<String> steps = new ArrayList<>();
        Answer<Integer> answer = Answer.of(later)
                .invoke(item -> steps.add("invoke " + item))
                .map(item -> item + 1)
                .chain(item -> Answer.known(item * 10));

        assertThat(answer.uni().await().atMost(Duration.ofSeconds(5))).isEqualTo(20);
        assertThat(steps).containsExactly("invoke 1");
    }

    @Test
    void aFailureSkipsTheStepsAfterItUntilARecoveryOfItsType() {
        for (Uni<Integer> failing : List.of(Uni.createFrom().<Integer> failure(new SessionEndedException()),
                Uni.createFrom().<Integer> failure(new SessionEndedException()).onFailure().call(
                        () -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(20))))) {
            List<String> seen = new ArrayList<>();
            Answer<Integer> answer = Answer.of(failing)
                    .map(item -> item + 1)
                    .onFailure(SessionEndedException.class, failure -> seen.add("ended"))
                    .onFailure(IllegalStateException.class, failure -> seen.add("other"))
                    .recover(IllegalStateException.class, () -> 7);
            assertThatThrownBy(() -> answer.uni().await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOf(SessionEndedException.class);
            assertThat(seen).containsExactly("ended");
            assertThat(answer.recover(SessionEndedException.class, () -> 7).uni().await().atMost(Duration.ofSeconds(5)))
                    .isEqualTo(7);
        }
    }

    @Test
    void anExceptionThrownByAStepBecomesTheAnswersFailure() {
        Answer<Integer> answer = Answer.known(1).map(item -> {
            throw new IllegalStateException("broken step");
        });

        assertThatThrownBy(() -> answer.uni().await().indefinitely()).isInstanceOf(IllegalStateException.class)
                .hasMessage("broken step");
        assertThat(Answer.<Integer> failed(new IllegalStateException()).ignoreItem()
                .recover(IllegalStateException.class, () -> null).uni().await().indefinitely()).isNull();
    }
}
