package io.quarkiverse.novasession.demo;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.novasession.NovaSessionInfo;
import io.quarkiverse.novasession.NovaSessionLogin;
import io.quarkiverse.novasession.NovaSessionRegistry;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Quarkus Security on sessions: users log in with the form of {@code /login.html} (checked against the embedded users
 * of {@code application.properties}), and these pages read the identity the session keeps.
 */
@Path("/account")
@Authenticated
public class AccountResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    NovaSessionLogin login;

    @Inject
    NovaSessionRegistry registry;

    /** For everyone logged in. */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String account() {
        return "Hello " + identity.getPrincipal().getName() + ", roles " + new java.util.TreeSet<>(identity.getRoles());
    }

    /** For admins only: 403 for other users. */
    @GET
    @Path("/admin")
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public String admin() {
        return "Admin page of " + identity.getPrincipal().getName();
    }

    /** "My sessions": where this user is logged in, most recently seen first. */
    @GET
    @Path("/sessions")
    @Produces(MediaType.APPLICATION_JSON)
    public List<NovaSessionInfo> sessions() {
        return registry.sessionsOf(identity.getPrincipal().getName());
    }

    /** Logs this user out of one of their sessions ("that device"). */
    @POST
    @Path("/sessions/{storeKey}/logout")
    @Produces(MediaType.TEXT_PLAIN)
    public String logoutOne(@PathParam("storeKey") String storeKey) {
        return Boolean.toString(registry.logout(identity.getPrincipal().getName(), storeKey));
    }

    /** Logs this user out everywhere, this session included. */
    @POST
    @Path("/logout-everywhere")
    @Produces(MediaType.TEXT_PLAIN)
    public String logoutEverywhere() {
        return Integer.toString(registry.logoutEverywhere(identity.getPrincipal().getName()));
    }

    /** Ends this session on the server. */
    @POST
    @Path("/logout")
    @Produces(MediaType.TEXT_PLAIN)
    public String logout() {
        login.logout();
        return "Logged out";
    }
}
