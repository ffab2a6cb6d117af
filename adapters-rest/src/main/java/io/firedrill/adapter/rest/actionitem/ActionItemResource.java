package io.firedrill.adapter.rest.actionitem;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.actionitem.ActionItemCommands;
import io.firedrill.application.port.in.actionitem.ActionItemNotFound;
import io.firedrill.application.port.in.actionitem.ActionItemQueries;
import io.firedrill.domain.actionitem.ActionItem;
import io.firedrill.domain.actionitem.ActionItemCommand;
import io.firedrill.domain.actionitem.ActionItemEvent;
import io.firedrill.domain.actionitem.ActionItemId;
import io.firedrill.domain.actionitem.ActionItemStatus;
import io.firedrill.domain.actionitem.Priority;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.shared.Actor;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Action items over HTTP: creating, the status workflow, owner and due date changes, the list and the report.
 * Commands go through {@link ActionItemCommands}; one item and its history are read from its event log
 * (always current); the list and the report come from the action item read model (updated within moments).
 * Overdue is derived with today's date in UTC.
 */
@Path("/api/v1/action-items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionItemResource {

    /** The response header of a command that says how many facts it recorded (0: it changed nothing). */
    public static final String EVENTS_APPENDED = "X-Firedrill-Events-Appended";

    private final ActionItemCommands commands;
    private final ActionItemQueries queries;
    private final Clock clock;
    private final Idempotency idempotency;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Inject
    public ActionItemResource(UseCases useCases, Clock clock, Idempotency idempotency) {
        this.commands = useCases.get(ActionItemCommands.class);
        this.queries = useCases.get(ActionItemQueries.class);
        this.clock = clock;
        this.idempotency = idempotency;
    }

    /** A page of the list. */
    public record ListPage(List<ActionItemRepresentation> items, String nextCursor) {
    }

    /**
     * One fact of an item's history.
     *
     * @param type the stored type name ({@code actionitem.ActionItemBlocked})
     * @param source the channel it came through ({@code api}, {@code scheduler})
     * @param details what the fact says beyond its type (a reason, an owner change from and to, a due date)
     */
    public record HistoryEntry(String eventId, String type, Instant occurredAt, String actor, String source,
                               Map<String, Object> details) {

        static HistoryEntry of(ActionItemQueries.Recorded recorded) {
            ActionItemEvent event = recorded.event();
            Map<String, Object> details = new LinkedHashMap<>();
            switch (event) {
                case ActionItemEvent.ActionItemCreated e -> {
                    details.put("title", e.title());
                    details.put("owner", e.owner());
                    details.put("dueDate", e.dueDate().toString());
                    details.put("priority", e.priority().name());
                    details.put("kind", e.kind().name());
                }
                case ActionItemEvent.ActionItemBlocked e -> details.put("reason", e.reason());
                case ActionItemEvent.ActionItemCancelled e -> details.put("reason", e.reason());
                case ActionItemEvent.ActionItemReopened e -> details.put("reason", e.reason());
                case ActionItemEvent.ActionItemOwnerChanged e -> {
                    details.put("from", e.from());
                    details.put("to", e.to());
                }
                case ActionItemEvent.ActionItemDueDateChanged e -> {
                    details.put("from", e.from().toString());
                    details.put("to", e.to().toString());
                }
                case ActionItemEvent.ActionItemBecameOverdue e -> details.put("dueDate", e.dueDate().toString());
                case ActionItemEvent.ActionItemDueSoon e -> details.put("dueDate", e.dueDate().toString());
                case ActionItemEvent.ActionItemStarted e -> { }
                case ActionItemEvent.ActionItemCompleted e -> { }
            }
            return new HistoryEntry(recorded.eventId(), recorded.type(), event.occurredAt(), event.by().toString(),
                    recorded.source(), details);
        }
    }

    /**
     * Counts; overdue items are also counted under their status.
     *
     * @param completionRate {@code completed / (total - cancelled)}, {@code null} when that is 0
     */
    public record Totals(long total, long notStarted, long inProgress, long blocked, long completed, long cancelled,
                         long overdue, Double completionRate) {

        static Totals of(ActionItemQueries.Totals totals) {
            return new Totals(totals.total(), totals.notStarted(), totals.inProgress(), totals.blocked(),
                    totals.completed(), totals.cancelled(), totals.overdue(), totals.completionRate());
        }
    }

    /** The report: overall, by owner (by name) and by priority (most urgent first). */
    public record Report(LocalDate asOf, Totals overall, Map<String, Totals> byOwner, Map<Priority, Totals> byPriority) {
    }

    @POST
    public CompletionStage<Response> create(ActionItemRequests.Create body) {
        Caller caller = Caller.of(headers);
        URI items = uri.getBaseUriBuilder().path("api/v1/action-items").build();
        return idempotency.run(caller, "POST", uri.getRequestUri(), body, requestHash -> {
            ActionItemRequests.Create request = Params.required(body);
            String key = caller.idempotencyKey();
            // Under an idempotency key the id comes from the key: a request re-run after a crash cannot create a
            // second item.
            ActionItemId id = new ActionItemId(key == null ? UUID.randomUUID()
                    : UUID.nameUUIDFromBytes((caller.tenant() + "\n" + key + "\naction-item").getBytes(StandardCharsets.UTF_8)));
            ActionItemCommand.CreateActionItem command = new ActionItemCommand.CreateActionItem(id, caller.actor(),
                    request.title(), request.description(), request.owner(), request.dueDate(), request.priority(),
                    request.kind(), incident(request.incidentId()), request.postmortemId());
            return commands.create(command, caller.commandContext(requestHash)).thenApply(outcome ->
                    Response.created(URI.create(items + "/" + id)).tag(etag(outcome.state()))
                            .header(EVENTS_APPENDED, outcome.appended())
                            .entity(representation(outcome.state())).build());
        });
    }

    @GET
    public CompletionStage<Response> list(@QueryParam("owner") String owner,
                                          @QueryParam("status") List<String> status,
                                          @QueryParam("priority") List<String> priority,
                                          @QueryParam("overdue") String overdue,
                                          @QueryParam("incidentId") String incidentId,
                                          @QueryParam("dueBefore") String dueBefore,
                                          @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        Caller caller = Caller.of(headers);
        IncidentId incident;
        try {
            incident = Params.text(incidentId, "incidentId") == null ? null : IncidentId.of(incidentId.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("incidentId", "must be an incident id (a UUID), not '" + incidentId + "'");
        }
        ActionItemQueries.Query query = new ActionItemQueries.Query(caller.tenant(), Params.text(owner, "owner"),
                Params.enums(status, ActionItemStatus.class, "status"), Params.enums(priority, Priority.class, "priority"),
                Params.bool(overdue, "overdue"), incident, Params.date(dueBefore, "dueBefore"), today(),
                Params.limit(limit), decodeCursor(cursor));
        return queries.list(query).thenApply(page -> Response.ok(new ListPage(
                page.items().stream().map(this::representation).toList(),
                page.nextCursor() == null ? null : encodeCursor(page.nextCursor()))).build());
    }

    @GET
    @Path("report")
    public CompletionStage<Report> report() {
        Caller caller = Caller.of(headers);
        return queries.report(caller.tenant(), today()).thenApply(report -> {
            Map<String, Totals> byOwner = new TreeMap<>();
            report.byOwner().forEach((owner, totals) -> byOwner.put(owner, Totals.of(totals)));
            Map<Priority, Totals> byPriority = new LinkedHashMap<>();
            for (Priority priority : Priority.values()) {
                byPriority.put(priority, Totals.of(report.byPriority().get(priority)));
            }
            return new Report(report.asOf(), Totals.of(report.overall()), byOwner, byPriority);
        });
    }

    @GET
    @Path("{id}")
    public CompletionStage<Response> get(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.item(caller.tenant(), actionItemId(id))
                .thenApply(item -> Response.ok(representation(item)).tag(etag(item)).build());
    }

    @GET
    @Path("{id}/history")
    public CompletionStage<List<HistoryEntry>> history(@PathParam("id") String id) {
        Caller caller = Caller.of(headers);
        return queries.history(caller.tenant(), actionItemId(id))
                .thenApply(events -> events.stream().map(HistoryEntry::of).toList());
    }

    @POST
    @Path("{id}/start")
    public CompletionStage<Response> start(@PathParam("id") String id) {
        return command(id, null, ActionItemCommand.StartActionItem::new);
    }

    @POST
    @Path("{id}/complete")
    public CompletionStage<Response> complete(@PathParam("id") String id) {
        return command(id, null, ActionItemCommand.CompleteActionItem::new);
    }

    @POST
    @Path("{id}/block")
    public CompletionStage<Response> block(@PathParam("id") String id, ActionItemRequests.WithReason body) {
        return command(id, body, (item, by) -> new ActionItemCommand.BlockActionItem(item, by, reason(body)));
    }

    @POST
    @Path("{id}/cancel")
    public CompletionStage<Response> cancel(@PathParam("id") String id, ActionItemRequests.WithReason body) {
        return command(id, body, (item, by) -> new ActionItemCommand.CancelActionItem(item, by, reason(body)));
    }

    @POST
    @Path("{id}/reopen")
    public CompletionStage<Response> reopen(@PathParam("id") String id, ActionItemRequests.WithReason body) {
        return command(id, body, (item, by) -> new ActionItemCommand.ReopenActionItem(item, by, reason(body)));
    }

    @PATCH
    @Path("{id}")
    public CompletionStage<Response> amend(@PathParam("id") String id, ActionItemRequests.Amend body) {
        return command(id, body, (item, by) -> new ActionItemCommand.AmendActionItem(item, by,
                Params.required(body).owner(), body.dueDate()));
    }

    /** The parts every item command shares: caller, idempotency, the command, its outcome as 200 + ETag. */
    private CompletionStage<Response> command(String id, Object body,
                                              BiFunction<ActionItemId, Actor, ActionItemCommand> build) {
        Caller caller = Caller.of(headers);
        ActionItemId itemId = actionItemId(id);
        String method = body instanceof ActionItemRequests.Amend ? "PATCH" : "POST";
        return idempotency.run(caller, method, uri.getRequestUri(), body, requestHash -> commands
                .send(build.apply(itemId, caller.actor()), caller.commandContext(requestHash))
                .thenApply(this::ok));
    }

    private Response ok(CommandOutcome<ActionItem> outcome) {
        return Response.ok(representation(outcome.state())).tag(etag(outcome.state()))
                .header(EVENTS_APPENDED, outcome.appended())
                .build();
    }

    private ActionItemRepresentation representation(ActionItem item) {
        return ActionItemRepresentation.of(item, today());
    }

    private LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static EntityTag etag(ActionItem item) {
        return new EntityTag(String.valueOf(item.version()));
    }

    private static String reason(ActionItemRequests.WithReason body) {
        return body == null ? null : body.reason();
    }

    private static IncidentId incident(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return IncidentId.of(id.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("incidentId", "must be an incident id (a UUID), not '" + id + "'");
        }
    }

    /** A malformed id in the path names no action item: 404, like an unknown one. */
    private static ActionItemId actionItemId(String id) {
        try {
            return ActionItemId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ActionItemNotFound("No action item " + id + " exists (action item ids are UUIDs).");
        }
    }

    static String encodeCursor(ActionItemQueries.Cursor cursor) {
        String text = cursor.dueDate() + "|" + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static ActionItemQueries.Cursor decodeCursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new ActionItemQueries.Cursor(LocalDate.parse(text.substring(0, bar)),
                    ActionItemId.parse(text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new BadRequest("cursor", "is not a cursor this API returned");
        }
    }
}
