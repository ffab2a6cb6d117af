package io.firedrill.adapter.rest.admin;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Params;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.admin.ProjectionAdmin;
import io.firedrill.application.port.in.admin.ProjectionAdmin.ParkedEvent;
import io.firedrill.application.port.in.admin.ProjectionAdmin.Projection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The event processors for operators: {@code GET /api/v1/admin/projections} lists them with their lag and how many
 * events each has parked; {@code GET .../{name}/parked} lists a processor's parked events with their errors (limit
 * and cursor as every list; {@code discarded=true} lists the discarded ones instead); {@code POST .../{name}/parked/retry}
 * (no body) re-applies them, each subject's events in log order, and answers what was un-parked and what remains;
 * {@code POST .../{name}/parked/{position}/discard} with {@code {"reason": "..."}} discards one that can never apply,
 * recording the caller ({@code X-Firedrill-Actor}) and the reason; {@code POST .../{name}/rebuild} starts an online
 * rebuild of a read model (202). An unknown name or position is a 404. No tenant:
 * these are about the whole installation; open to every caller until authentication gives them an admin role
 * (issue 24).
 */
@Path("/api/v1/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionAdminResource {

    private final ProjectionAdmin admin;

    @Inject
    public ProjectionAdminResource(UseCases useCases) {
        this.admin = useCases.get(ProjectionAdmin.class);
    }

    /** The longest discard reason accepted. */
    static final int REASON_MAX = 1000;

    @Context
    HttpHeaders headers;

    /** Why a parked event is discarded. */
    public record Discard(String reason) {
    }

    /** The processors. */
    public record Projections(List<Projection> items) {
    }

    /** A page of parked events; {@code nextCursor} is {@code null} on the last page. */
    public record ParkedPage(List<ParkedEvent> items, String nextCursor) {
    }

    /**
     * What a retry did.
     *
     * @param unparked the events applied and un-parked
     * @param remaining the processor's events still parked (at most 500; list them all with {@code GET .../parked})
     * @param remainingCount how many are still parked
     */
    public record Retried(List<ParkedEvent> unparked, List<ParkedEvent> remaining, long remainingCount) {
    }

    @GET
    public CompletionStage<Projections> projections() {
        return admin.projections().thenApply(Projections::new);
    }

    @GET
    @Path("{name}/parked")
    public CompletionStage<ParkedPage> parked(@PathParam("name") String name, @QueryParam("limit") String limit,
                                              @QueryParam("cursor") String cursor,
                                              @QueryParam("discarded") String discarded) {
        int size = Params.limit(limit);
        boolean discardedOnes = Boolean.TRUE.equals(Params.bool(discarded, "discarded"));
        return admin.parked(name, after(cursor), size + 1, discardedOnes).thenApply(rows -> rows.size() > size
                ? new ParkedPage(rows.subList(0, size), String.valueOf(rows.get(size - 1).position()))
                : new ParkedPage(rows, null));
    }

    /**
     * Starts an online rebuild of a read model: 202 at once, with {@code Location} naming the list where its progress
     * shows ({@code state}, {@code rebuild}); 409 {@code REBUILD_RUNNING} while one is under way, 409
     * {@code NOT_REBUILDABLE} for an automation, 404 for an unknown name.
     */
    @POST
    @Path("{name}/rebuild")
    public CompletionStage<Response> rebuild(@PathParam("name") String name) {
        return admin.rebuild(name).thenApply(started -> Response.accepted()
                .location(URI.create("/api/v1/admin/projections"))
                .entity(new Accepted(name, "REBUILDING"))
                .build());
    }

    /** A rebuild that has started. */
    public record Accepted(String name, String state) {
    }

    @POST
    @Path("{name}/parked/retry")
    public CompletionStage<Retried> retry(@PathParam("name") String name) {
        return admin.retry(name).thenApply(outcome -> new Retried(outcome.unparked(), outcome.remaining(),
                outcome.remainingCount()));
    }

    @POST
    @Path("{name}/parked/{position}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<ParkedEvent> discard(@PathParam("name") String name, @PathParam("position") String position,
                                                Discard body) {
        Caller caller = Caller.of(headers);
        long at = position(position);
        String reason = Params.text(Params.required(body).reason(), "reason");
        if (reason == null) {
            throw new BadRequest("reason", "is required: say why the event is discarded");
        }
        if (reason.length() > REASON_MAX) {
            throw new BadRequest("reason", "must be at most " + REASON_MAX + " characters");
        }
        return admin.discard(name, at, caller.actor().name(), reason);
    }

    private static long position(String value) {
        try {
            long position = Long.parseLong(value.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("position", "must be the log position of a parked event, not '" + value + "'");
    }

    /** The cursor is the log position of the last event of the previous page. */
    private static long after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            long position = Long.parseLong(cursor.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("cursor", "is not a cursor this API returned");
    }
}
