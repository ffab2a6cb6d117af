package io.firedrill.toy;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The toy concept over HTTP: its adapter calls only its use case. */
@Path("/toy/kettles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KettleResource {

    private final KettleSlice.Kettles kettles;

    @Inject
    public KettleResource(UseCases useCases) {
        this.kettles = useCases.get(KettleSlice.Kettles.class);
    }

    /** The request body of a boil. */
    public record BoilRequest(int litres) {
    }

    @POST
    @Path("{id}/boil")
    public CompletionStage<Map<String, Object>> boil(@PathParam("id") String id, BoilRequest body) {
        CommandContext context = new CommandContext(TenantId.DEFAULT, Actor.user("toy"), Source.API, null, null, null);
        return kettles.boil(new Boil(id, body.litres()), context).thenApply(outcome -> Map.of(
                "litres", outcome.state().litres(), "boils", outcome.state().boils(),
                "version", outcome.state().version(), "appended", outcome.appended()));
    }

    @GET
    @Path("{id}")
    public Response board(@PathParam("id") String id) {
        return kettles.board(TenantId.DEFAULT, id)
                .map(row -> Response.ok(Map.of("litres", row[0], "boils", row[1])).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }
}
