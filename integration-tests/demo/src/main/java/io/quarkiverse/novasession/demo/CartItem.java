package io.quarkiverse.novasession.demo;

/**
 * One line of the cart.
 */
public record CartItem(String sku, int quantity) {
}
