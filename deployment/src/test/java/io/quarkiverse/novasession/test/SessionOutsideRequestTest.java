package io.quarkiverse.novasession.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkiverse.novasession.SessionIdNotSetException;
import io.quarkus.test.QuarkusUnitTest;

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
        var uni = reactive.set("k", "v");
        assertThatThrownBy(() -> uni.await().indefinitely()).isInstanceOf(SessionIdNotSetException.class)
                .hasMessageContaining("No HTTP request is active");
        assertThat(reactive.delete()).isNotNull();
    }
}
