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
 * The API tokens of the caller's tenant (admins). The secret is in the 201 answer of the creation and nowhere else;
 * {@code DELETE} revokes a token (it stays listed, with {@code revokedAt}) and every instance refuses it within a
 * second.
 */
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final AccessTokens tokens;

    @Context
    HttpHeaders headers;

    @Inject
    public TokenResource(UseCases useCases) {
        this.tokens = useCases.get(AccessTokens.class);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> create(TokenRepresentation.Create body) {
        Caller caller = Caller.of(headers);
        return tokens.create(caller.principal(), caller.tenant(), TokenRequests.newToken(caller, body))
                .thenApply(issued -> TokenRequests.created("/api/v1/tokens/" + issued.token().id(), issued));
    }

    @GET
    public CompletionStage<TokenRepresentation.Items> list() {
        return tokens.list(Caller.of(headers).tenant()).thenApply(list -> new TokenRepresentation.Items(
                list.stream().map(token -> TokenRepresentation.of(token, null)).toList()));
    }

    @GET
    @Path("{id}")
    public CompletionStage<TokenRepresentation> get(@PathParam("id") String id) {
        return tokens.get(Caller.of(headers).tenant(), TokenRequests.tokenId(id))
                .thenApply(token -> TokenRepresentation.of(token, null));
    }

    @DELETE
    @Path("{id}")
    public CompletionStage<TokenRepresentation> revoke(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return tokens.revoke(caller.principal(), caller.tenant(), TokenRequests.tokenId(id))
                .thenApply(token -> TokenRepresentation.of(token, null));
    }
}
