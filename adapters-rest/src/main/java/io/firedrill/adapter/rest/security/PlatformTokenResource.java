package io.firedrill.adapter.rest.security;

import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
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
import java.util.concurrent.CompletionStage;

/**
 * Platform admins' own tokens (role {@code platform-admin}, no tenant): another platform admin's token created,
 * listed, revoked; a leaked one is revoked here like a tenant's.
 */
@Path("/api/v1/platform/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformTokenResource {

    private final AccessTokens tokens;

    @Context
    HttpHeaders headers;

    @Inject
    public PlatformTokenResource(UseCases useCases) {
        this.tokens = useCases.get(AccessTokens.class);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> create(TokenRepresentation.Create body) {
        Caller caller = Caller.of(headers);
        return tokens.create(caller.principal(), null, TokenRequests.newToken(caller, body))
                .thenApply(issued -> TokenRequests.created("/api/v1/platform/tokens/" + issued.token().id(), issued));
    }

    @GET
    public CompletionStage<TokenRepresentation.Items> list() {
        return tokens.list(null).thenApply(list -> new TokenRepresentation.Items(
                list.stream().map(token -> TokenRepresentation.of(token, null)).toList()));
    }

    @GET
    @Path("{id}")
    public CompletionStage<TokenRepresentation> get(@PathParam("id") String id) {
        return tokens.get(null, TokenRequests.tokenId(id)).thenApply(token -> TokenRepresentation.of(token, null));
    }

    @DELETE
    @Path("{id}")
    public CompletionStage<TokenRepresentation> revoke(@PathParam("id") String id) {
        return tokens.revoke(Caller.of(headers).principal(), null, TokenRequests.tokenId(id))
                .thenApply(token -> TokenRepresentation.of(token, null));
    }
}
