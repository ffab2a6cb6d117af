package io.firedrill.adapter.rest.postmortem;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.incident.IncidentNotFound;
import io.firedrill.application.port.in.postmortem.Postmortems;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.postmortem.Postmortem;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * An incident's postmortem over HTTP: drafting it from the incident's events, editing its sections, the review
 * workflow and publishing (which marks the incident reviewed). Everything is read from the postmortem's and
 * the incident's logs, so it is always current; JSON is the default representation, Markdown is at
 * {@code /api/v1/incidents/{id}/postmortem.md}.
 */
@Path("/api/v1/incidents/{id}/postmortem")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PostmortemResource {

    /** The response header of a command that says how many facts it recorded (0: it changed nothing). */
    public static final String EVENTS_APPENDED = "X-Firedrill-Events-Appended";

    private final Postmortems postmortems;
    private final Idempotency idempotency;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public PostmortemResource(UseCases useCases, Idempotency idempotency) {
        this.postmortems = useCases.get(Postmortems.class);
        this.idempotency = idempotency;
    }

    /**
     * One fact of the postmortem's own history.
     *
     * @param type the stored type name ({@code postmortem.PostmortemEdited})
     * @param data the fact exactly as stored
     */
    public record HistoryEntry(String eventId, String type, Instant occurredAt, String actor, String source,
                               @JsonRawValue String data) {
    }

    @POST
    public CompletionStage<Response> draft(@PathParam("id") String id) {
        URI location = uri.getRequestUriBuilder().replaceQuery(null).build();
        return command(id, null, (context, incident) -> postmortems.draft(context, incident), 201, location);
    }

    @GET
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return postmortems.get(caller.tenant(), incidentId(id)).thenApply(view -> Response
                .ok(PostmortemRepresentation.of(view)).tag(new EntityTag(String.valueOf(view.postmortem().version())))
                .build());
    }

    /** The postmortem as it stood at an instant. */
    public record Replay(Instant at, PostmortemRepresentation postmortem) {
    }

    @GET
    @Path("replay")
    public CompletionStage<Replay> replay(@PathParam("id") String id, @QueryParam("at") String at) {
        Caller caller = Caller.of(headers);
        Instant instant = Params.instant(at, "at", true);
        return postmortems.asOf(caller.tenant(), incidentId(id), instant)
                .thenApply(view -> new Replay(instant, PostmortemRepresentation.of(view)));
    }

    @GET
    @Path("history")
    public CompletionStage<List<HistoryEntry>> history(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return postmortems.history(caller.tenant(), incidentId(id)).thenApply(history -> history.stream()
                .map(recorded -> new HistoryEntry(recorded.eventId(), recorded.type(),
                        recorded.event().occurredAt(), recorded.event().by().toString(), recorded.source(),
                        recorded.payloadJson()))
                .toList());
    }

    @PATCH
    public CompletionStage<Response> edit(@PathParam("id") String id, PostmortemRequests.Edit body) {
        return command(id, body, (context, incident) -> postmortems.edit(context, incident,
                Params.required(body).patch()), 200, null);
    }

    @POST
    @Path("refresh")
    public CompletionStage<Response> refresh(@PathParam("id") String id) {
        return command(id, null, postmortems::refresh, 200, null);
    }

    @POST
    @Path("submit")
    public CompletionStage<Response> submit(@PathParam("id") String id) {
        return command(id, null, postmortems::submit, 200, null);
    }

    @POST
    @Path("approve")
    public CompletionStage<Response> approve(@PathParam("id") String id, PostmortemRequests.Comment body) {
        return command(id, body, (context, incident) -> postmortems.approve(context, incident,
                body == null ? null : body.comment()), 200, null);
    }

    @POST
    @Path("request-changes")
    public CompletionStage<Response> requestChanges(@PathParam("id") String id, PostmortemRequests.Comment body) {
        return command(id, body, (context, incident) -> postmortems.requestChanges(context, incident,
                body == null ? null : body.comment()), 200, null);
    }

    @POST
    @Path("publish")
    public CompletionStage<Response> publish(@PathParam("id") String id) {
        return command(id, null, postmortems::publish, 200, null);
    }

    /** The parts every postmortem command shares: caller, idempotency, the command, the postmortem as it now is. */
    private CompletionStage<Response> command(String id, Object body,
                                              BiFunction<CommandContext, IncidentId, CompletableFuture<CommandOutcome<Postmortem>>> action,
                                              int status, URI location) {
        Caller caller = Caller.of(headers);
        IncidentId incident = incidentId(id);
        String method = body instanceof PostmortemRequests.Edit ? "PATCH" : "POST";
        return idempotency.run(caller, method, uri.getRequestUri(), body, requestHash -> action
                .apply(caller.commandContext(requestHash), incident)
                .thenCompose(outcome -> postmortems.get(caller.tenant(), incident).thenApply(view -> {
                    Response.ResponseBuilder response = Response.status(status)
                            .entity(PostmortemRepresentation.of(view))
                            .tag(new EntityTag(String.valueOf(view.postmortem().version())))
                            .header(EVENTS_APPENDED, outcome.appended());
                    if (location != null) {
                        response.location(location);
                    }
                    return response.build();
                })));
    }

    /** A malformed id in the path names no incident: 404, like an unknown one. */
    static IncidentId incidentId(String id) {
        try {
            return IncidentId.of(id);
        } catch (IllegalArgumentException e) {
            throw new IncidentNotFound("No incident " + id + " exists (incident ids are UUIDs).");
        }
    }
}
