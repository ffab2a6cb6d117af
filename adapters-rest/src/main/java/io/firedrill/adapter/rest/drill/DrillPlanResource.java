package io.firedrill.adapter.rest.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.ConcurrentChange;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillPlanCommands;
import io.firedrill.application.port.in.drill.DrillPlanNotFound;
import io.firedrill.application.port.in.drill.DrillPlanQueries;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.domain.drill.DrillPlan;
import io.firedrill.domain.drill.DrillPlanCommand;
import io.firedrill.domain.drill.DrillPlanDefinition;
import io.firedrill.domain.drill.DrillPlanEvent;
import io.firedrill.domain.drill.DrillRunEvent;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.ControlCharacters;
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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Drill plans over HTTP: writing a plan, revising it (each revision is a new plan version), pausing and resuming its
 * schedule, one plan and its versions (from its log, always current) and the list (from the drill plan read model,
 * updated within moments).
 */
@Path("/api/v1/drill-plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DrillPlanResource {

    /** The response header of a command that says how many facts it recorded (0: it changed nothing). */
    public static final String EVENTS_APPENDED = "X-Firedrill-Events-Appended";

    private final DrillPlanCommands commands;
    private final DrillPlanQueries queries;
    private final DrillRunCommands runCommands;
    private final DrillRunResource runResource;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public DrillPlanResource(UseCases useCases, Idempotency idempotency, ObjectMapper mapper) {
        this.commands = useCases.get(DrillPlanCommands.class);
        this.queries = useCases.get(DrillPlanQueries.class);
        this.runCommands = useCases.get(DrillRunCommands.class);
        this.runResource = new DrillRunResource(useCases, idempotency);
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    /** A page of the list. */
    public record ListPage(List<DrillPlanRepresentation> plans, String nextCursor) {
    }

    @POST
    public CompletionStage<Response> create(DrillPlanRequests.Create body) {
        Caller caller = Caller.of(headers);
        URI plans = uri.getBaseUriBuilder().path("api/v1/drill-plans").build();
        return idempotency.run(caller, "POST", uri.getRequestUri(), body, requestHash -> {
            DrillPlanDefinition definition = Params.required(body).definition();
            String key = caller.idempotencyKey();
            // Under an idempotency key the id comes from the key: a request re-run after a crash cannot create a
            // second plan.
            DrillPlanId id = new DrillPlanId(key == null ? UUID.randomUUID()
                    : UUID.nameUUIDFromBytes((caller.tenant() + "\n" + key + "\ndrill-plan").getBytes(StandardCharsets.UTF_8)));
            return commands.send(new DrillPlanCommand.CreateDrillPlan(id, caller.actor(), definition),
                            caller.commandContext(requestHash))
                    .thenApply(outcome -> Response.created(URI.create(plans + "/" + id)).tag(etag(outcome.state()))
                            .header(EVENTS_APPENDED, outcome.appended())
                            .entity(DrillPlanRepresentation.of(outcome.state())).build());
        });
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("service") String service,
                                          @QueryParam("enabled") String enabled,
                                          @QueryParam("owner") String owner,
                                          @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        Caller caller = Caller.of(headers);
        DrillPlanQueries.Query query = new DrillPlanQueries.Query(caller.tenant(), Params.text(service, "service"),
                Params.bool(enabled, "enabled"), Params.text(owner, "owner"), Params.limit(limit), decodeCursor(cursor));
        return queries.list(query).thenApply(page -> Response.ok(new ListPage(
                page.plans().stream().map(DrillPlanRepresentation::of).toList(),
                page.nextCursor() == null ? null : encodeCursor(page.nextCursor()))).build());
    }

    @GET
    @Path("{id}")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.plan(caller.tenant(), planId(id))
                .thenApply(plan -> Response.ok(DrillPlanRepresentation.of(plan)).tag(etag(plan)).build());
    }

    /** One fact of a plan's history: its own facts and the start and end of its runs. */
    public record HistoryEntry(String eventId, String type, Instant occurredAt, String actor, String source,
                               Map<String, Object> details) {

        static HistoryEntry of(DrillPlanQueries.Recorded recorded) {
            Map<String, Object> details = new LinkedHashMap<>();
            switch (recorded.event()) {
                case DrillPlanEvent.DrillPlanCreated e -> details.put("planVersion", 1);
                case DrillPlanEvent.DrillPlanRevised e -> details.put("planVersion", e.planVersion());
                case DrillPlanEvent.DrillPlanPaused e -> details.put("reason", e.reason());
                case DrillPlanEvent.DrillPlanResumed e -> { }
                case DrillPlanEvent.DrillRunSkipped e -> {
                    details.put("scheduledFor", e.scheduledFor());
                    details.put("reason", e.reason());
                }
                case DrillRunEvent.DrillRunStarted e -> {
                    details.put("drillRunId", e.drillRunId().toString());
                    details.put("number", e.number().value());
                    details.put("trigger", e.trigger().name());
                    details.put("scheduledFor", e.scheduledFor());
                }
                case DrillRunEvent.DrillRunEnded e -> {
                    details.put("drillRunId", e.drillRunId().toString());
                    details.put("outcome", e.outcome().name());
                }
                case DrillRunEvent e -> details.put("drillRunId", e.drillRunId().toString());
            }
            return new HistoryEntry(recorded.eventId(), recorded.type(), recorded.event().occurredAt(),
                    recorded.event().by().toString(), recorded.source(), details);
        }
    }

    @GET
    @Path("{id}/history")
    public CompletionStage<List<HistoryEntry>> history(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.history(caller.tenant(), planId(id)).thenApply(events -> events.stream().map(HistoryEntry::of).toList());
    }

    @GET
    @Path("{id}/versions/{n}")
    public CompletionStage<DrillPlanRepresentation.Version> version(@PathParam("id") String id, @PathParam("n") String n) {
        Caller caller = Caller.of(headers);
        DrillPlanId planId = planId(id);
        int number;
        try {
            number = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new DrillPlanNotFound("Drill plan " + id + " has no version " + n + " (versions are 1, 2, ...).");
        }
        return queries.plan(caller.tenant(), planId).thenApply(plan -> {
            DrillPlanDefinition definition = plan.definitionAt(number);
            if (definition == null) {
                throw new DrillPlanNotFound("Drill plan " + id + " has no version " + n + "; its versions are 1 to "
                        + plan.planVersion() + ".");
            }
            return new DrillPlanRepresentation.Version(planId.toString(), number, definition);
        });
    }

    /**
     * The top-level fields to change, each replacing the plan's whole (lists and {@code schedule} included;
     * {@code "schedule": null} removes it): a new plan version. {@code If-Match} is honoured.
     */
    @PATCH
    @Path("{id}")
    public CompletionStage<Response> revise(@PathParam("id") String id, JsonNode body) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw new BadRequest("body", "must be a JSON object of the fields to change");
        }
        for (var field : body.properties()) {
            if (field.getValue().isNull() && !field.getKey().equals("schedule")) {
                throw new BadRequest(field.getKey(), "must not be null: only schedule can be removed (with null)");
            }
        }
        DrillPlanRequests.Patch patch = mapper.treeToValue(body, DrillPlanRequests.Patch.class);
        boolean removeSchedule = body.has("schedule") && body.get("schedule").isNull();
        return command(id, "PATCH", body, (plan, by) -> new DrillPlanCommand.ReviseDrillPlan(plan, by,
                patch.patch(removeSchedule)));
    }

    /**
     * Runs the plan's current version now, by hand (a paused plan too): 201 with the run and its {@code Location}. Under
     * an {@code Idempotency-Key} the run's id comes from the key, so a repeat starts nothing new.
     */
    @POST
    @Path("{id}/runs")
    public CompletionStage<Response> runNow(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        DrillPlanId planId = planId(id);
        String runs = uri.getBaseUriBuilder().path("api/v1/drill-runs").build().toString();
        return idempotency.run(caller, "POST", uri.getRequestUri(), null, requestHash -> {
            String key = caller.idempotencyKey();
            DrillRunId run = new DrillRunId(key == null ? UUID.randomUUID()
                    : UUID.nameUUIDFromBytes((caller.tenant() + "\n" + key + "\n" + planId + "\ndrill-run")
                    .getBytes(StandardCharsets.UTF_8)));
            return runCommands.start(planId, run, null, caller.commandContext(requestHash))
                    .thenApply(started -> started.orElseThrow(() -> new ConcurrentChange("drill plan", 1,
                            new IllegalStateException("drill plan " + planId + " started no run " + run))))
                    .thenApply(started -> Response.created(URI.create(runs + "/" + run)).tag(DrillRunResource.etag(started))
                            .entity(DrillRunRepresentation.of(started)).build());
        });
    }

    /** The plan's runs, newest first (the drill run list filtered by the plan). */
    @GET
    @Path("{id}/runs")
    public CompletionStage<Response> runs(@PathParam("id") String id, @QueryParam("status") String status,
                                          @QueryParam("from") String from, @QueryParam("to") String to,
                                          @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller caller = Caller.of(headers);
        DrillPlanId planId = planId(id);
        return queries.plan(caller.tenant(), planId).thenCompose(plan -> runResource.list(DrillRunResource.query(caller,
                planId, null, status, from, to, limit, cursor)));
    }

    @POST
    @Path("{id}/pause")
    public CompletionStage<Response> pause(@PathParam("id") String id, DrillPlanRequests.Pause body) {
        return command(id, "POST", body, (plan, by) -> new DrillPlanCommand.PauseDrillPlan(plan, by,
                body == null ? null : body.reason()));
    }

    @POST
    @Path("{id}/resume")
    public CompletionStage<Response> resume(@PathParam("id") String id) {
        return command(id, "POST", null, DrillPlanCommand.ResumeDrillPlan::new);
    }

    /** The parts every plan command shares: caller, idempotency, the command, its outcome as 200 + ETag. */
    private CompletionStage<Response> command(String id, String method, Object body,
                                              BiFunction<DrillPlanId, Actor, DrillPlanCommand> build) {
        Caller caller = Caller.of(headers);
        DrillPlanId planId = planId(id);
        return idempotency.run(caller, method, uri.getRequestUri(), body, requestHash -> commands
                .send(build.apply(planId, caller.actor()), caller.commandContext(requestHash))
                .thenApply(DrillPlanResource::ok));
    }

    private static Response ok(CommandOutcome<DrillPlan> outcome) {
        return Response.ok(DrillPlanRepresentation.of(outcome.state())).tag(etag(outcome.state()))
                .header(EVENTS_APPENDED, outcome.appended()).build();
    }

    private static EntityTag etag(DrillPlan plan) {
        return new EntityTag(String.valueOf(plan.version()));
    }

    /** A malformed id in the path names no drill plan: 404, like an unknown one. */
    private static DrillPlanId planId(String id) {
        try {
            return DrillPlanId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new DrillPlanNotFound("No drill plan " + id + " exists (drill plan ids are UUIDs).");
        }
    }

    static String encodeCursor(DrillPlanQueries.Cursor cursor) {
        String text = cursor.id() + "|" + cursor.name();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static DrillPlanQueries.Cursor decodeCursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            String name = text.substring(bar + 1);
            if (ControlCharacters.first(name) >= 0) {
                throw new IllegalArgumentException("a control character in the cursor's name");
            }
            return new DrillPlanQueries.Cursor(name, DrillPlanId.parse(text.substring(0, bar)));
        } catch (RuntimeException e) {
            throw new BadRequest("cursor", "is not a cursor this API returned");
        }
    }
}
