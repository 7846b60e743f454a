package io.quarkiverse.novasession.demo;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An error answer: what went wrong, in words. It is only ever the entity of a {@code Response}, which no build step can
 * see, so it is registered for Jackson's reflection in a native image by hand.
 */
@RegisterForReflection
public record Problem(String message) {
}
