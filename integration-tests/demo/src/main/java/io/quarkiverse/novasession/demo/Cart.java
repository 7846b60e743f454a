package io.quarkiverse.novasession.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The shopping cart, stored in the session as one JSON value.
 */
public record Cart(List<CartItem> items) {

    static Cart empty() {
        return new Cart(List.of());
    }

    Cart with(CartItem item) {
        List<CartItem> more = new ArrayList<>(items);
        more.add(item);
        return new Cart(List.copyOf(more));
    }
}
