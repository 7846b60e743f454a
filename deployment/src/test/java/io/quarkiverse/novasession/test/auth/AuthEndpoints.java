package io.quarkiverse.novasession.test.auth;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.NovaSessionInfo;
import io.quarkiverse.novasession.NovaSessionLogin;
import io.quarkiverse.novasession.NovaSessionRegistry;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * An application that logs its visitors in programmatically: every endpoint answers plain text a test compares
 * exactly.
 */
@Path("/auth")
@Produces(MediaType.TEXT_PLAIN)
public class AuthEndpoints {

    @Inject
    NovaSessionLogin login;

    @Inject
    NovaSessionRegistry registry;

    @Inject
    NovaSession session;

    @Inject
    SecurityIdentity identity;

    /** Logs in; answers who the login request itself was (it stays as it was authenticated). */
    @POST
    @Path("/login")
    @PermitAll
    public Response login(@QueryParam("user") String user, @QueryParam("roles") String roles) {
        Set<String> granted = roles == null || roles.isEmpty() ? Set.of() : Set.of(roles.split(","));
        String before = who();
        try {
            login.login(user, granted);
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(e.getMessage()).build();
        }
        return Response.ok(before).build();
    }

    @POST
    @Path("/logout")
    @PermitAll
    public String logout() {
        login.logout();
        return "bye";
    }

    @GET
    @Path("/me")
    @Authenticated
    public String me() {
        return identity.getPrincipal().getName() + " " + new TreeSet<>(identity.getRoles());
    }

    @GET
    @Path("/admin")
    @RolesAllowed("admin")
    public String admin() {
        return "admin " + identity.getPrincipal().getName();
    }

    @GET
    @Path("/public")
    @PermitAll
    public String open() {
        return who();
    }

    /** The live sessions of a principal: store keys, most recent first, then their user agents. */
    @GET
    @Path("/sessions")
    @PermitAll
    public String sessions(@QueryParam("user") String user) {
        List<NovaSessionInfo> found = registry.sessionsOf(user);
        return found.stream().map(info -> info.storeKey() + "|" + info.userAgent() + "|" + info.remoteAddress()
                + "|" + (info.loggedInAt() != null) + "|" + (info.lastSeen() != null))
                .collect(Collectors.joining("\n"));
    }

    @POST
    @Path("/logout-everywhere")
    @PermitAll
    public int logoutEverywhere(@QueryParam("user") String user) {
        return registry.logoutEverywhere(user);
    }

    @POST
    @Path("/logout-one")
    @PermitAll
    public boolean logoutOne(@QueryParam("user") String user, @QueryParam("key") String storeKey) {
        return registry.logout(user, storeKey);
    }

    @GET
    @Path("/store-key")
    @PermitAll
    public String storeKey() {
        return session.storeKey();
    }

    @POST
    @Path("/rotate")
    @PermitAll
    public String rotate() {
        session.rotate();
        return session.storeKey();
    }

    @POST
    @Path("/delete")
    @PermitAll
    public String delete() {
        session.delete();
        return "deleted";
    }

    /** The identity key is the session layer's: reading it is refused. */
    @GET
    @Path("/reserved")
    @PermitAll
    public String reserved(@QueryParam("op") String op) {
        try {
            switch (op) {
                case "get" -> session.get("__nova_identity", String.class);
                case "set" -> session.set("__nova_identity", "{\"principal\":\"root\",\"roles\":[\"admin\"]}");
                default -> session.delete("__nova_identity");
            }
            return "allowed";
        } catch (IllegalArgumentException e) {
            return "refused";
        }
    }

    private String who() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
