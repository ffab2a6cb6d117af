package io.firedrill.adapter.rest.security;

import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Who the caller is, as Firedrill sees it: its actor, tenant, roles and how it authenticated. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Context
    HttpHeaders headers;

    /** The caller; {@code tenant} {@code null} for a platform admin. */
    public record Me(String actor, String tenant, List<String> roles, String credential) {
    }

    @GET
    public Me me() {
        Principal principal = Caller.of(headers).principal();
        return new Me(principal.actor().name(), principal.tenant() == null ? null : principal.tenant().value(),
                principal.roles().stream().sorted().map(Role::wireName).toList(), principal.credential());
    }
}
