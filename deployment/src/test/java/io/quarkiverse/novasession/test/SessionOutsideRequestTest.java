package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkiverse.novasession.SessionIdNotSetException;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

class SessionOutsideRequestTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest();

    @Inject
    NovaSession session;

    @Inject
    ReactiveNovaSession reactive;

    @Test
    void blockingApiThrowsSessionIdNotSetOutsideARequest() {
        assertThatThrownBy(() -> session.set("k", "v")).isInstanceOf(SessionIdNotSetException.class)
                .hasMessageContaining("No HTTP request is active");
        assertThatThrownBy(() -> session.id()).isInstanceOf(SessionIdNotSetException.class);
    }

    @Test
    void reactiveApiFailsItsUniInsteadOfThrowing() {
        // making each Uni must not throw: only subscribing to it fails
        List<Uni<?>> operations = List.of(reactive.get("k", String.class), reactive.set("k", "v"),
                reactive.delete("k"), reactive.rotate(), reactive.delete());
        for (Uni<?> operation : operations) {
            assertThatThrownBy(() -> operation.await().indefinitely()).isInstanceOf(SessionIdNotSetException.class)
                    .hasMessageContaining("No HTTP request is active");
        }
    }
}
