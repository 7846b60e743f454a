package io.quarkiverse.novasession.testsupport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
import io.quarkiverse.novasession.demo.Cart;
import io.quarkiverse.novasession.demo.CartItem;
import io.quarkiverse.novasession.demo.Problem;

/**
 * A session playground: store and read any JSON value as one of several Java types, to see what the session keeps.
 * <p>
 * {@code PUT /values?key=&type=} stores the body, read as {@code type}; {@code GET /values?key=&type=} answers the value
 * read back as {@code type}, written again as JSON (404 when absent); {@code DELETE /values?key=} removes the key. The
 * types: {@code string}, {@code int}, {@code long}, {@code double}, {@code boolean}, {@code decimal} ({@link BigDecimal}:
 * {@code 19.90} keeps its trailing zero), {@code list} and {@code map} (untyped: their numbers are {@code Integer},
 * {@code Long} or {@code Double}), {@code object} (any JSON, untyped), {@code record}, {@code pojo}, {@code cart}.
 * What the store itself holds for a key is {@code GET /inspect?session=&key=} ({@link StoreInspectionResource}).
 */
@Path("/values")
@Produces(MediaType.APPLICATION_JSON)
public class ValuesResource {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("string", String.class), Map.entry("int", Integer.class), Map.entry("long", Long.class),
            Map.entry("double", Double.class), Map.entry("boolean", Boolean.class), Map.entry("list", List.class),
            Map.entry("map", Map.class), Map.entry("record", CartItem.class), Map.entry("pojo", Profile.class),
            Map.entry("cart", Cart.class), Map.entry("decimal", BigDecimal.class), Map.entry("object", Object.class));

    /** The longest a slow write may sleep. */
    private static final long MAX_DELAY_MILLIS = 30_000;
    /** The longest key {@code /values/generated-key} makes. */
    private static final int MAX_GENERATED_KEY_LENGTH = 1_000_000;

    /** Keys of the slow writes sleeping now, between their read and their write. */
    private static final Set<String> SLEEPING = ConcurrentHashMap.newKeySet();

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
     * A slow write, for deterministic races: {@code PUT /values/slow?key=&type=&delayMs=} reads {@code key} (as a
     * request that renders a page before it saves a form does: the session is now known to this request), sleeps
     * {@code delayMs} milliseconds (at most 30 s) on its worker thread, then stores the body as {@code type} under
     * {@code key} and answers 204. While it sleeps, {@code GET /values/slow/sleeping?key=} answers {@code true}, so that
     * a test can end or rotate the session in another request at that moment. If the session ended or got a new id
     * meanwhile, the write fails with {@code SessionEndedException} and nothing is stored: the extension answers 409.
     */
    @PUT
    @Path("/slow")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response slowPut(@QueryParam("key") String key, @QueryParam("type") String type,
            @QueryParam("delayMs") long delayMs, String json) throws InterruptedException {
        Class<?> valueType = type(type);
        Object value;
        try {
            value = mapper.readValue(json == null || json.isEmpty() ? "null" : json, valueType);
        } catch (JsonProcessingException e) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new Problem("Body is not a JSON " + type + ": " + e.getOriginalMessage())).build();
        }
        String valueKey = key(key);
        session.get(valueKey, valueType);
        SLEEPING.add(valueKey);
        try {
            Thread.sleep(Math.max(0, Math.min(delayMs, MAX_DELAY_MILLIS)));
        } finally {
            SLEEPING.remove(valueKey);
        }
        session.set(valueKey, value);
        return Response.noContent().build();
    }

    /**
     * {@code GET /values/slow/sleeping?key=}: whether a slow write of {@code key} ({@link #slowPut}) is sleeping now,
     * between its read and its write.
     */
    @GET
    @Path("/slow/sleeping")
    @Produces(MediaType.TEXT_PLAIN)
    public boolean sleeping(@QueryParam("key") String key) {
        return key != null && SLEEPING.contains(key);
    }

    /**
     * {@code PUT /values/generated-key?length=&type=} stores the body as {@code type} under the key {@code "k"} repeated
     * {@code length} times (at most 1,000,000): a key far longer than any URL may carry (Quarkus refuses a request line
     * over 4096 bytes), to show that an over-long key is refused ({@code quarkus.nova-session.max-key-length}, HTTP 413
     * by default) and leaves the session as it was.
     */
    @PUT
    @Path("/generated-key")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putUnderGeneratedKey(@QueryParam("length") int length, @QueryParam("type") String type,
            String json) {
        if (length < 1 || length > MAX_GENERATED_KEY_LENGTH) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new Problem("Give a length of 1 to " + MAX_GENERATED_KEY_LENGTH)).build();
        }
        return put("k".repeat(length), type, json);
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
            throw new IllegalArgumentException(
                    "Unknown type '" + name + "': use one of " + new java.util.TreeSet<>(TYPES.keySet()));
        }
        return type;
    }
}
