package io.quarkiverse.novasession.demo;

/**
 * An error answer: what went wrong, in words.
 */
public record Problem(String message) {
}
