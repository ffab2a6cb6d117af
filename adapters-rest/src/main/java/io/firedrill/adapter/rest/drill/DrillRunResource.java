package io.firedrill.adapter.rest.drill;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.drill.DrillRunCommands;
import io.firedrill.application.port.in.drill.DrillRunNotFound;
import io.firedrill.application.port.in.drill.DrillRunQueries;
import io.firedrill.domain.drill.DrillPlanId;
import io.firedrill.domain.drill.DrillRun;
import io.firedrill.domain.drill.DrillRunCommand;
import io.firedrill.domain.drill.DrillRunEvent.Outcome;
import io.firedrill.domain.drill.DrillRunId;
import io.firedrill.domain.shared.Actor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Drill runs over HTTP: one run (from its log, always current) and its timeline, the list (from the drill run read
 * model, updated within moments), confirming a manual step and aborting. Runs are started from their plan
 * ({@code POST /api/v1/drill-plans/{id}/runs}) or by its schedule; the drill runner moves them along.
 */
@Path("/api/v1/drill-runs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DrillRunResource {

    private final DrillRunCommands commands;
    private final DrillRunQueries queries;
    private final Idempotency idempotency;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public DrillRunResource(UseCases useCases, Idempotency idempotency) {
        this.commands = useCases.get(DrillRunCommands.class);
        this.queries = useCases.get(DrillRunQueries.class);
        this.idempotency = idempotency;
    }

    /** A page of the list. */
    public record ListPage(List<DrillRunRepresentation> runs, String nextCursor) {
    }

    /** Confirming a manual step: done ({@code passed: true}) or failed, with an optional note. */
    record Confirm(Boolean passed, String note) {
    }

    /** Aborting a run: the reason is required. */
    record Abort(String reason) {
    }

    /**
     * Reviews an ended, scored run: findings become action items (linked to the run) or are waived, what went well,
     * the score confirmed or disputed. Nothing is written when any part is refused.
     */
    @POST
    @Path("{id}/review")
    public CompletionStage<Response> review(@PathParam("id") String id, DrillRunCommands.Review body) {
        Caller caller = Caller.of(headers);
        DrillRunId runId = runId(id);
        return idempotency.run(caller, "POST", uri.getRequestUri(), body, requestHash -> commands.review(caller.tenant(),
                        runId, Params.required(body), caller.commandContext(requestHash))
                .thenApply(DrillRunResource::ok));
    }

    /** Scoring again: the version of the score definition ({@code null}: the latest). */
    record Rescore(Integer definitionVersion) {
    }

    /**
     * Scores a run under a version of the score definition (its steps must be done); every score is kept. A run whose
     * steps are done but that the runner has not scored yet ends by this score.
     */
    @POST
    @Path("{id}/score")
    public CompletionStage<Response> score(@PathParam("id") String id, Rescore body) {
        Caller caller = Caller.of(headers);
        DrillRunId runId = runId(id);
        // A run whose steps are not done is refused by the run's rules (409 STEPS_NOT_DONE).
        return idempotency.run(caller, "POST", uri.getRequestUri(), body, requestHash -> commands.score(caller.tenant(),
                        runId, body == null ? null : body.definitionVersion(), caller.commandContext(requestHash))
                .thenApply(DrillRunResource::ok));
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("planId") String planId, @QueryParam("service") String service,
                                          @QueryParam("status") String status, @QueryParam("from") String from,
                                          @QueryParam("to") String to, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        Caller caller = Caller.of(headers);
        DrillRunQueries.Query query = query(caller, plan(planId), service, status, from, to, limit, cursor);
        return list(query);
    }

    /** The list under {@code query}, as a page of representations. */
    CompletionStage<Response> list(DrillRunQueries.Query query) {
        return queries.list(query).thenApply(page -> Response.ok(new ListPage(
                page.runs().stream().map(DrillRunRepresentation::of).toList(),
                page.nextCursor() == null ? null : encodeCursor(page.nextCursor()))).build());
    }

    /** A list query from the query parameters; {@code status} is {@code RUNNING}, {@code PASSED}, {@code FAILED} or {@code ABORTED}. */
    static DrillRunQueries.Query query(Caller caller, DrillPlanId plan, String service, String status, String from,
                                       String to, String limit, String cursor) {
        Boolean running = null;
        Outcome outcome = null;
        if (status != null && !status.isBlank()) {
            String value = status.strip();
            if (value.equals("RUNNING")) {
                running = true;
            } else {
                try {
                    outcome = Outcome.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw new BadRequest("status", "must be one of RUNNING, PASSED, FAILED, ABORTED, not '" + status + "'");
                }
            }
        }
        Instant start = Params.instant(from, "from", false);
        Instant end = Params.instant(to, "to", false);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new BadRequest("to", "must be after from");
        }
        return new DrillRunQueries.Query(caller.tenant(), plan, Params.text(service, "service"), running, outcome, start, end,
                Params.limit(limit), decodeCursor(cursor));
    }

    @GET
    @Path("{id}")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.run(caller.tenant(), runId(id))
                .thenApply(run -> Response.ok(DrillRunRepresentation.of(run)).tag(etag(run)).build());
    }

    /** The run as it stood at an instant. */
    public record Replay(Instant at, DrillRunRepresentation run) {
    }

    /** The run as it stood at {@code at} (ISO-8601): its facts up to that instant, folded. */
    @GET
    @Path("{id}/replay")
    public CompletionStage<Replay> replay(@PathParam("id") String id, @QueryParam("at") String at) {
        Caller caller = Caller.of(headers);
        DrillRunId runId = runId(id);
        Instant instant = Params.instant(at, "at", true);
        return queries.replay(caller.tenant(), runId, instant)
                .thenApply(run -> new Replay(instant, DrillRunRepresentation.of(run)));
    }

    @GET
    @Path("{id}/timeline")
    public CompletionStage<List<DrillRunRepresentation.TimelineEntry>> timeline(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.timeline(caller.tenant(), runId(id))
                .thenApply(events -> events.stream().map(DrillRunRepresentation.TimelineEntry::of).toList());
    }

    @POST
    @Path("{id}/steps/{n}/confirm")
    public CompletionStage<Response> confirm(@PathParam("id") String id, @PathParam("n") String n, Confirm body) {
        int step;
        try {
            step = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new BadRequest("step", "must be the step's index in the run (0, 1, ...), not '" + n + "'");
        }
        return command(id, body, (run, by) -> new DrillRunCommand.ConfirmStep(run, step,
                Params.required(body).passed(), body.note(), by));
    }

    @POST
    @Path("{id}/abort")
    public CompletionStage<Response> abort(@PathParam("id") String id, Abort body) {
        return command(id, body, (run, by) -> new DrillRunCommand.AbortRun(run, body == null ? null : body.reason(), by));
    }

    private CompletionStage<Response> command(String id, Object body, BiFunction<DrillRunId, Actor, DrillRunCommand> build) {
        Caller caller = Caller.of(headers);
        DrillRunId runId = runId(id);
        return idempotency.run(caller, "POST", uri.getRequestUri(), body, requestHash -> commands
                .send(build.apply(runId, caller.actor()), caller.commandContext(requestHash))
                .thenApply(DrillRunResource::ok));
    }

    private static Response ok(CommandOutcome<DrillRun> outcome) {
        return Response.ok(DrillRunRepresentation.of(outcome.state())).tag(etag(outcome.state()))
                .header(DrillPlanResource.EVENTS_APPENDED, outcome.appended()).build();
    }

    static EntityTag etag(DrillRun run) {
        return new EntityTag(String.valueOf(run.version()));
    }

    private static DrillRunId runId(String id) {
        try {
            return DrillRunId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new DrillRunNotFound("No drill run " + id + " exists (drill run ids are UUIDs).");
        }
    }

    private static DrillPlanId plan(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return DrillPlanId.parse(id.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("planId", "must be a drill plan id (a UUID), not '" + id + "'");
        }
    }

    static String encodeCursor(DrillRunQueries.Cursor cursor) {
        String text = cursor.startedAt() + "|" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static DrillRunQueries.Cursor decodeCursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new DrillRunQueries.Cursor(Instant.parse(text.substring(0, bar)), DrillRunId.parse(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new BadRequest("cursor", "is not a cursor this API returned");
        }
    }
}
