package io.firedrill.adapter.rest.incident;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.problem.ProblemMappers;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.incident.IncidentCommands;
import io.firedrill.application.port.in.incident.IncidentListQuery;
import io.firedrill.application.port.in.incident.IncidentNotFound;
import io.firedrill.application.port.in.incident.IncidentQueries;
import io.firedrill.application.port.in.postmortem.Postmortems;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentCommand;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentNumber;
import io.firedrill.domain.incident.IncidentReplay.Knowledge;
import io.firedrill.domain.incident.IncidentStatus;
import io.firedrill.domain.incident.ResponseTargets;
import io.firedrill.domain.shared.Severity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Incidents over HTTP: declaring, driving the lifecycle, the timeline, and replay. Commands go through
 * {@link IncidentCommands}; the incident, its timeline and replays are read from its event log (always
 * current); the list comes from the incident list read model (updated within moments of a command).
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {

    /** The response header of a command that says how many facts it recorded (0: it changed nothing). */
    public static final String EVENTS_APPENDED = "X-Firedrill-Events-Appended";

    private final IncidentCommands commands;
    private final IncidentQueries queries;
    private final ResponseTargets targets;
    private final Clock clock;
    private final Idempotency idempotency;
    private final Postmortems postmortems;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public IncidentResource(UseCases useCases, ResponseTargets targets, Clock clock, Idempotency idempotency) {
        this.commands = useCases.get(IncidentCommands.class);
        this.queries = useCases.get(IncidentQueries.class);
        this.targets = targets;
        this.clock = clock;
        this.idempotency = idempotency;
        this.postmortems = useCases.get(Postmortems.class);
    }

    /** A replayed incident and the facts it was folded from. */
    public record Replay(Instant at, String known, IncidentRepresentation incident, List<TimelineEntry> timeline) {
    }

    /** One field that changed between two instants. */
    public record FieldChange(String field, Object before, Object after) {
    }

    /** What changed between two instants. */
    public record Diff(Instant from, Instant to, String known, IncidentRepresentation before,
                       IncidentRepresentation after, List<FieldChange> changes, List<TimelineEntry> facts) {
    }

    /** A page of the incident list. */
    public record ListPage(List<IncidentRepresentation> items, String nextCursor) {
    }

    @POST
    public CompletionStage<Response> declare(IncidentRequests.Declare body) {
        Caller caller = Caller.of(headers);
        URI incidents = uri.getBaseUriBuilder().path("api/v1/incidents").build();
        return idempotency.run(caller, "POST", uri.getRequestUri(), body, requestHash -> {
            IncidentRequests.Declare request = Params.required(body);
            String key = caller.idempotencyKey();
            // Under an idempotency key the id comes from the key: a request re-run after a crash cannot
            // declare a second incident.
            IncidentId id = new IncidentId(key == null ? UUID.randomUUID()
                    : UUID.nameUUIDFromBytes((caller.tenant() + "\n" + key + "\ndeclare").getBytes(StandardCharsets.UTF_8)));
            IncidentCommand.DeclareIncident draft = new IncidentCommand.DeclareIncident(id, IncidentNumber.of(1, 1),
                    request.title(), request.summary(), request.severity(), request.services(), request.commander(),
                    request.tags() == null ? null : new java.util.LinkedHashSet<>(request.tags()), request.detectedAt(), Boolean.TRUE.equals(request.drill()), caller.actor(),
                    request.occurredAt());
            return commands.declare(draft, caller.commandContext(requestHash)).thenApply(outcome -> {
                Incident incident = outcome.state();
                return Response.created(URI.create(incidents + "/" + id))
                        .tag(new EntityTag(String.valueOf(incident.version())))
                        .entity(representation(incident))
                        .build();
            });
        });
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("status") List<String> status,
                                          @QueryParam("severity") List<String> severity,
                                          @QueryParam("service") String service,
                                          @QueryParam("drill") String drill,
                                          @QueryParam("from") String from,
                                          @QueryParam("to") String to,
                                          @QueryParam("q") String q,
                                          @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        Caller caller = Caller.of(headers);
        IncidentListQuery query = new IncidentListQuery(caller.tenant(),
                Params.enums(status, IncidentStatus.class, "status"), Params.enums(severity, Severity.class, "severity"),
                Params.text(service, "service"), Params.bool(drill, "drill"), Params.instant(from, "from", false), Params.instant(to, "to", false),
                Params.text(q, "q"), Params.limit(limit), decodeCursor(cursor));
        return queries.list(query).thenApply(page -> Response.ok(new ListPage(
                page.items().stream().map(this::representation).toList(),
                page.nextCursor() == null ? null : encodeCursor(page.nextCursor()))).build());
    }

    @GET
    @Path("{id}")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.incident(caller.tenant(), incidentId(id)).thenApply(incident ->
                Response.ok(representation(incident)).tag(new EntityTag(String.valueOf(incident.version()))).build());
    }

    @GET
    @Path("{id}/timeline")
    public CompletionStage<List<TimelineEntry>> timeline(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.history(caller.tenant(), incidentId(id))
                .thenApply(events -> events.stream().map(TimelineEntry::of).toList());
    }

    @GET
    @Path("{id}/replay")
    public CompletionStage<Replay> replay(@PathParam("id") String id, @QueryParam("at") String at,
                                          @QueryParam("known") String known) {
        Caller caller = Caller.of(headers);
        IncidentId incidentId = incidentId(id);
        Instant instant = Params.instant(at, "at", true);
        Knowledge knowledge = knowledge(known);
        return queries.replay(caller.tenant(), incidentId, instant, knowledge).thenApply(replay ->
                new Replay(instant, knowledgeName(knowledge),
                        IncidentRepresentation.of(replay.state(), targets.evaluate(replay.state(), instant)),
                        entries(replay.facts())));
    }

    @GET
    @Path("{id}/replay/diff")
    public CompletionStage<Diff> diff(@PathParam("id") String id, @QueryParam("from") String from,
                                      @QueryParam("to") String to, @QueryParam("known") String known) {
        Caller caller = Caller.of(headers);
        IncidentId incidentId = incidentId(id);
        Instant start = Params.instant(from, "from", true);
        Instant end = Params.instant(to, "to", true);
        if (start.isAfter(end)) {
            throw new BadRequest("from", "must not be after to");
        }
        Knowledge knowledge = knowledge(known);
        return queries.diff(caller.tenant(), incidentId, start, end, knowledge).thenApply(diff ->
                new Diff(start, end, knowledgeName(knowledge),
                    diff.before().map(state -> IncidentRepresentation.of(state, targets.evaluate(state, start))).orElse(null),
                    diff.after().map(state -> IncidentRepresentation.of(state, targets.evaluate(state, end))).orElse(null),
                    diff.changes().stream().map(change -> new FieldChange(change.field(), json(change.before()),
                            json(change.after()))).toList(),
                    entries(diff.between())));
    }

    @POST
    @Path("{id}/acknowledge")
    public CompletionStage<Response> acknowledge(@PathParam("id") String id, IncidentRequests.Acknowledge body) {
        return command(id, body, (incident, by) -> new IncidentCommand.AcknowledgeIncident(incident, by,
                body == null ? null : body.occurredAt()));
    }

    @POST
    @Path("{id}/mitigate")
    public CompletionStage<Response> mitigate(@PathParam("id") String id, IncidentRequests.WithNote body) {
        IncidentRequests.WithNote request = body == null ? new IncidentRequests.WithNote(null, null) : body;
        return command(id, body, (incident, by) -> new IncidentCommand.StartMitigation(incident, by, request.note(),
                request.occurredAt()));
    }

    @POST
    @Path("{id}/resolve")
    public CompletionStage<Response> resolve(@PathParam("id") String id, IncidentRequests.WithNote body) {
        IncidentRequests.WithNote request = body == null ? new IncidentRequests.WithNote(null, null) : body;
        return command(id, body, (incident, by) -> new IncidentCommand.ResolveIncident(incident, by, request.note(),
                request.occurredAt()));
    }

    @POST
    @Path("{id}/reopen")
    public CompletionStage<Response> reopen(@PathParam("id") String id, IncidentRequests.Reopen body) {
        return command(id, body, (incident, by) -> new IncidentCommand.ReopenIncident(incident, by,
                Params.required(body).reason(), body.occurredAt()));
    }

    @POST
    @Path("{id}/severity")
    public CompletionStage<Response> severity(@PathParam("id") String id, IncidentRequests.ChangeSeverity body) {
        return command(id, body, (incident, by) -> new IncidentCommand.ChangeSeverity(incident, by,
                Params.required(body).severity(), body.reason(), body.occurredAt()));
    }

    @POST
    @Path("{id}/commander")
    public CompletionStage<Response> commander(@PathParam("id") String id, IncidentRequests.HandOver body) {
        return command(id, body, (incident, by) -> new IncidentCommand.HandOverCommand(incident, by,
                Params.required(body).commander(), body.reason(), body.occurredAt()));
    }

    @POST
    @Path("{id}/responders")
    public CompletionStage<Response> addResponder(@PathParam("id") String id, IncidentRequests.AddResponder body) {
        return command(id, body, (incident, by) -> new IncidentCommand.AddResponder(incident, by,
                Params.required(body).name(), body.role(), body.occurredAt()));
    }

    @DELETE
    @Path("{id}/responders/{name}")
    public CompletionStage<Response> removeResponder(@PathParam("id") String id, @PathParam("name") String name,
                                                     IncidentRequests.RemoveResponder body) {
        return command(id, body, (incident, by) -> new IncidentCommand.RemoveResponder(incident, by, name,
                body == null ? null : body.occurredAt()));
    }

    @POST
    @Path("{id}/notes")
    public CompletionStage<Response> note(@PathParam("id") String id, IncidentRequests.Note body) {
        return command(id, body, (incident, by) -> new IncidentCommand.AddNote(incident, by, Params.required(body).text(),
                Boolean.TRUE.equals(body.key()), body.occurredAt()));
    }

    @POST
    @Path("{id}/status-updates")
    public CompletionStage<Response> statusUpdate(@PathParam("id") String id, IncidentRequests.StatusUpdate body) {
        return command(id, body, (incident, by) -> new IncidentCommand.PostStatusUpdate(incident, by,
                Params.required(body).audience(), body.text(), body.occurredAt()));
    }

    @POST
    @Path("{id}/duplicate-of")
    public CompletionStage<Response> duplicateOf(@PathParam("id") String id, IncidentRequests.DuplicateOf body) {
        Caller caller = Caller.of(headers);
        IncidentId incidentId = incidentId(id);
        IncidentId original = IncidentId.of(Params.required(body).incidentId());
        // A request naming no incident of the tenant is refused before its idempotency key is taken, so a retry
        // under the same key succeeds once the original exists (the command checks it again).
        URI requestUri = uri.getRequestUri(); // read here: the continuation may run outside the request's context
        return queries.findHistory(caller.tenant(), original)
                .thenCompose(found -> {
                    if (found.isEmpty()) {
                        throw new BadRequest("incidentId", "names no incident of this tenant: " + original);
                    }
                    return idempotency.run(caller, "POST", requestUri, body, requestHash -> commands
                            .closeAsDuplicate(new IncidentCommand.CloseAsDuplicate(incidentId, caller.actor(), original,
                                    body.occurredAt()), caller.commandContext(requestHash))
                            .thenApply(this::ok));
                })
                .exceptionally(ProblemMappers::toResponse);
    }

    @POST
    @Path("{id}/corrections")
    public CompletionStage<Response> correct(@PathParam("id") String id, IncidentRequests.Correction body) {
        return command(id, body, (incident, by) -> new IncidentCommand.CorrectMilestoneTime(incident, by,
                Params.required(body).milestone(), body.correctedTo(), body.reason(), body.occurredAt()));
    }

    /**
     * Marks the incident reviewed once its postmortem is published (publishing does this itself; this repeats
     * it, for instance after a crash between the two). 409 {@code REVIEW_REQUIRES_PUBLISHED_POSTMORTEM} otherwise.
     */
    @POST
    @Path("{id}/review")
    public CompletionStage<Response> review(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        IncidentId incidentId = incidentId(id);
        return idempotency.run(caller, "POST", uri.getRequestUri(), null, requestHash -> postmortems
                .markIncidentReviewed(caller.commandContext(requestHash), incidentId)
                .thenApply(this::ok));
    }

    /** The parts every incident command shares: caller, idempotency, the command, its outcome as 200 + ETag. */
    private CompletionStage<Response> command(String id, Object body,
                                              java.util.function.BiFunction<IncidentId, io.firedrill.domain.shared.Actor, IncidentCommand> build) {
        Caller caller = Caller.of(headers);
        IncidentId incidentId = incidentId(id);
        return idempotency.run(caller, "POST", uri.getRequestUri(), body, requestHash -> commands
                .send(build.apply(incidentId, caller.actor()), caller.commandContext(requestHash))
                .thenApply(this::ok));
    }

    private Response ok(CommandOutcome<Incident> outcome) {
        Incident incident = outcome.state();
        return Response.ok(representation(incident)).tag(new EntityTag(String.valueOf(incident.version())))
                .header(EVENTS_APPENDED, outcome.appended())
                .build();
    }

    private IncidentRepresentation representation(Incident incident) {
        return IncidentRepresentation.of(incident, targets.evaluate(incident, clock.instant()));
    }

    private static List<TimelineEntry> entries(List<IncidentQueries.ReplayedEntry> facts) {
        return facts.stream().map(fact -> TimelineEntry.of(fact.recorded(), fact.fact())).toList();
    }

    /** A malformed id in the path names no incident: 404, like an unknown one. */
    private static IncidentId incidentId(String id) {
        try {
            return IncidentId.of(id);
        } catch (IllegalArgumentException e) {
            throw new IncidentNotFound("No incident " + id + " exists (incident ids are UUIDs).");
        }
    }

    private static Knowledge knowledge(String known) {
        if (known == null || known.isBlank() || known.equalsIgnoreCase("occurred")) {
            return Knowledge.OCCURRED;
        }
        if (known.equalsIgnoreCase("recorded")) {
            return Knowledge.RECORDED;
        }
        throw new BadRequest("known", "must be occurred or recorded, not '" + known + "'");
    }

    private static String knowledgeName(Knowledge knowledge) {
        return knowledge.name().toLowerCase(Locale.ROOT);
    }

    static String encodeCursor(IncidentListQuery.Cursor cursor) {
        String text = cursor.detectedAt() + "|" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static IncidentListQuery.Cursor decodeCursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new IncidentListQuery.Cursor(Instant.parse(text.substring(0, bar)), IncidentId.of(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new BadRequest("cursor", "is not a cursor this API returned");
        }
    }

    /** A field value of a diff as JSON shows it: ids and numbers as text, collections element by element. */
    private static Object json(Object value) {
        return switch (value) {
            case null -> null;
            case IncidentId id -> id.toString();
            case IncidentNumber number -> number.value();
            case Map<?, ?> map -> {
                List<Map<String, Object>> responders = new ArrayList<>();
                map.forEach((name, role) -> {
                    Map<String, Object> responder = new LinkedHashMap<>();
                    responder.put("name", name);
                    responder.put("role", json(role));
                    responders.add(responder);
                });
                yield responders;
            }
            case Collection<?> items -> items.stream().map(IncidentResource::json).toList();
            case Enum<?> constant -> constant.name();
            default -> value;
        };
    }

}
