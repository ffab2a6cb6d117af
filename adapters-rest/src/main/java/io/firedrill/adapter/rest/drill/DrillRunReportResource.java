package io.firedrill.adapter.rest.drill;

import io.firedrill.adapter.rest.postmortem.PostmortemMarkdownResource;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillRunNotFound;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.drill.DrillRunMarkdown;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** A drill run's report as Markdown: {@code GET /api/v1/drill-runs/{id}/report.md}. */
@Path("/api/v1/drill-runs/{id}/report.md")
public class DrillRunReportResource {

    private final DrillRunQueries queries;

    @Context
    HttpHeaders headers;

    @Inject
    public DrillRunReportResource(UseCases useCases) {
        this.queries = useCases.get(DrillRunQueries.class);
    }

    @GET
    @Produces({"text/markdown", "text/plain", "*/*"})
    public CompletionStage<Response> markdown(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        DrillRunId run;
        try {
            run = DrillRunId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new DrillRunNotFound("No drill run " + id + " exists (drill run ids are UUIDs).");
        }
        return queries.run(caller.tenant(), run).thenApply(found -> Response.ok(DrillRunMarkdown.render(found))
                .type(PostmortemMarkdownResource.MARKDOWN).tag(new EntityTag(String.valueOf(found.version()))).build());
    }
}
