package io.quarkiverse.novasession.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.novasession.NovaSession;

/**
 * A cart of records kept in the session.
 */
@Path("/cart")
@Produces(MediaType.APPLICATION_JSON)
public class CartResource {

    static final String CART = "cart";

    @Inject
    NovaSession session;

    @GET
    public Cart cart() {
        return session.get(CART, Cart.class).orElse(Cart.empty());
    }

    @POST
    @Path("/items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(CartItem item) {
        if (item == null || item.sku() == null || item.sku().isBlank() || item.quantity() < 1) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new Problem("An item needs a sku and a quantity of at least 1")).build();
        }
        Cart cart = cart().with(item);
        session.set(CART, cart);
        return Response.ok(cart).build();
    }

    @DELETE
    public Cart empty() {
        session.delete(CART);
        return Cart.empty();
    }
}
