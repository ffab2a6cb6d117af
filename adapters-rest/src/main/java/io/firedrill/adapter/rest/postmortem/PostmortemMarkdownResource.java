package io.firedrill.adapter.rest.postmortem;

import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.postmortem.Postmortems;
import io.firedrill.domain.postmortem.PostmortemMarkdown;
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

/** An incident's postmortem as Markdown, following the template: {@code GET /api/v1/incidents/{id}/postmortem.md}. */
@Path("/api/v1/incidents/{id}/postmortem.md")
public class PostmortemMarkdownResource {

    /** Markdown (RFC 7763). */
    public static final String MARKDOWN = "text/markdown; charset=UTF-8";

    private final Postmortems postmortems;

    @Context
    HttpHeaders headers;

    @Inject
    public PostmortemMarkdownResource(UseCases useCases) {
        this.postmortems = useCases.get(Postmortems.class);
    }

    @GET
    @Produces({"text/markdown", "text/plain", "*/*"})
    public CompletionStage<Response> markdown(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return postmortems.get(caller.tenant(), PostmortemResource.incidentId(id)).thenApply(view -> Response
                .ok(PostmortemMarkdown.render(view.postmortem(), view.stale()))
                .type(MARKDOWN)
                .tag(new EntityTag(String.valueOf(view.postmortem().version())))
                .build());
    }
}
