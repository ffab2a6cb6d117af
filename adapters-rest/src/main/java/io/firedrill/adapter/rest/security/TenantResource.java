package io.firedrill.adapter.rest.security;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.Tenant;
import io.firedrill.application.port.in.security.Tenants;
import io.firedrill.domain.shared.TenantId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Tenants and their tokens, for platform admins: create a tenant, then its first admin's token. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final Tenants tenants;
    private final AccessTokens tokens;

    @Context
    HttpHeaders headers;

    @Inject
    public TenantResource(UseCases useCases) {
        this.tenants = useCases.get(Tenants.class);
        this.tokens = useCases.get(AccessTokens.class);
    }

    /** A tenant as the API shows it. */
    public record Representation(String id, String name, Instant createdAt, String createdBy) {
        static Representation of(Tenant tenant) {
            return new Representation(tenant.id().value(), tenant.name(), tenant.createdAt(), tenant.createdBy());
        }
    }

    /** What a tenant is created with: its id (lower-case letters, digits, dashes) and a display name. */
    public record Create(String id, String name) {
    }

    /** A list of tenants. */
    public record Items(List<Representation> items) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> create(Create body) {
        Caller caller = Caller.of(headers);
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the tenant's id is required");
        }
        return tenants.create(caller.principal(), tenantId(body.id(), "id"), body.name())
                .thenApply(tenant -> Response.created(URI.create("/api/v1/tenants/" + tenant.id()))
                        .entity(Representation.of(tenant)).build());
    }

    @GET
    public CompletionStage<Items> list() {
        return tenants.list().thenApply(list -> new Items(list.stream().map(Representation::of).toList()));
    }

    @GET
    @Path("{tenant}")
    public CompletionStage<Representation> get(@PathParam("tenant") String tenant) {
        return tenants.get(tenantId(tenant, "tenant")).thenApply(Representation::of);
    }

    @POST
    @Path("{tenant}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> createToken(@PathParam("tenant") String tenant, TokenRepresentation.Create body) {
        Caller caller = Caller.of(headers);
        TenantId id = tenantId(tenant, "tenant");
        return tokens.create(caller.principal(), id, TokenRequests.newToken(caller, body))
                .thenApply(issued -> TokenRequests.created("/api/v1/tenants/" + id + "/tokens/" + issued.token().id(), issued));
    }

    @GET
    @Path("{tenant}/tokens")
    public CompletionStage<TokenRepresentation.Items> tokens(@PathParam("tenant") String tenant) {
        TenantId id = tenantId(tenant, "tenant");
        return tenants.get(id).thenCompose(found -> tokens.list(id)).thenApply(list -> new TokenRepresentation.Items(
                list.stream().map(token -> TokenRepresentation.of(token, null)).toList()));
    }

    @DELETE
    @Path("{tenant}/tokens/{id}")
    public CompletionStage<TokenRepresentation> revoke(@PathParam("tenant") String tenant, @PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return tokens.revoke(caller.principal(), tenantId(tenant, "tenant"), TokenRequests.tokenId(id))
                .thenApply(token -> TokenRepresentation.of(token, null));
    }

    private static TenantId tenantId(String value, String field) {
        try {
            return new TenantId(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(field, "must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit");
        }
    }
}
