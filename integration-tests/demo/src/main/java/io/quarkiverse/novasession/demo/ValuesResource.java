package io.quarkiverse.novasession.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.novasession.NovaSession;

/**
 * A session playground: store and read any JSON value as one of several Java types, to see what the session keeps.
 */
@Path("/values")
@Produces(MediaType.APPLICATION_JSON)
public class ValuesResource {

    private static final Map<String, Class<?>> TYPES = Map.of(
            "string", String.class, "int", Integer.class, "long", Long.class, "double", Double.class,
            "boolean", Boolean.class, "list", List.class, "map", Map.class, "record", CartItem.class,
            "pojo", Profile.class, "cart", Cart.class);

    @Inject
    NovaSession session;

    @Inject
    ObjectMapper mapper;

    @Context
    UriInfo uriInfo;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@QueryParam("key") String key, @QueryParam("type") String type, String json) {
        Object value;
        try {
            value = mapper.readValue(json == null || json.isEmpty() ? "null" : json, type(type));
        } catch (JsonProcessingException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new Problem("Body is not a JSON " + type + ": " + e.getOriginalMessage())).build();
        }
        session.set(key(key), value);
        return Response.noContent().build();
    }

    @GET
    public Response get(@QueryParam("key") String key, @QueryParam("type") String type) {
        return session.get(key(key), type(type))
                .map(value -> Response.ok(json(value)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).entity(new Problem("No value for " + key))
                        .build());
    }

    @DELETE
    public Response delete(@QueryParam("key") String key) {
        session.delete(key(key));
        return Response.noContent().build();
    }

    /**
     * Stores a list, then changes the list: the session still holds the list as it was when stored.
     */
    @POST
    @Path("/copy-check")
    public List<?> copyCheck(@QueryParam("key") String key) {
        List<String> list = new ArrayList<>(List.of("stored"));
        session.set(key, list);
        list.add("added after set");
        return session.get(key, List.class).orElseThrow();
    }

    /**
     * Quarkus REST reads {@code ?key=} as no parameter at all: look at the raw query to tell an empty key from none.
     */
    private String key(String key) {
        if (key == null && uriInfo.getQueryParameters().containsKey("key")) {
            return "";
        }
        return key;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> type(String name) {
        Class<?> type = name == null ? null : TYPES.get(name);
        if (type == null) {
            throw new IllegalArgumentException("Unknown type '" + name + "': use one of " + new java.util.TreeSet<>(TYPES.keySet()));
        }
        return type;
    }
}
