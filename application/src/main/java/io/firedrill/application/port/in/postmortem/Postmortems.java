package io.firedrill.application.port.in.postmortem;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.CommandOutcome;
import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.postmortem.Postmortem;
import io.firedrill.domain.postmortem.PostmortemEvent;
import io.firedrill.domain.postmortem.SectionsPatch;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The postmortem use cases. A postmortem belongs to one incident (its id is derived from the incident's) and is
 * pre-filled from the incident's stored events; edits, reviews and publishing are commands, so its own history
 * replays like an incident's. Publishing also marks the incident reviewed (in the same transaction), the only
 * way there. Nothing here blocks: results are futures.
 */
public interface Postmortems {

    /** The incident's postmortem; {@link PostmortemNotFound} when it has none. */
    CompletableFuture<View> get(TenantId tenant, IncidentId incidentId);

    /**
     * The postmortem as it stood at {@code at}: its facts recorded by then, staleness judged against the
     * incident's facts recorded by then. {@link PostmortemNotFound} when it was not drafted yet.
     */
    CompletableFuture<View> asOf(TenantId tenant, IncidentId incidentId, Instant at);

    /** The postmortem's own facts, in log order; {@link PostmortemNotFound} when it has none. */
    CompletableFuture<List<Recorded>> history(TenantId tenant, IncidentId incidentId);

    /** Drafts the postmortem of a recovered incident, pre-filled from the incident's events. */
    CompletableFuture<CommandOutcome<Postmortem>> draft(CommandContext context, IncidentId incidentId);

    /** Derives the pre-filled part again from the incident's events; what people wrote is never touched. */
    CompletableFuture<CommandOutcome<Postmortem>> refresh(CommandContext context, IncidentId incidentId);

    /**
     * Rewrites the sections present in {@code patch}. Cited evidence must be facts of the incident and linked
     * action items must be the tenant's: otherwise the future fails with an {@link IllegalArgumentException}
     * whose message starts with the offending field's path, and nothing is recorded.
     */
    CompletableFuture<CommandOutcome<Postmortem>> edit(CommandContext context, IncidentId incidentId,
                                                       SectionsPatch patch);

    /** Submits the draft for review; the answer carries the blameless check's warnings. */
    CompletableFuture<CommandOutcome<Postmortem>> submit(CommandContext context, IncidentId incidentId);

    /** Approves the postmortem under review. */
    CompletableFuture<CommandOutcome<Postmortem>> approve(CommandContext context, IncidentId incidentId, String comment);

    /** Sends the postmortem under review back to its authors. */
    CompletableFuture<CommandOutcome<Postmortem>> requestChanges(CommandContext context, IncidentId incidentId,
                                                                 String comment);

    /**
     * Publishes the approved postmortem and marks the incident reviewed, in one decision over both logs:
     * both facts are recorded together or neither is.
     */
    CompletableFuture<CommandOutcome<Postmortem>> publish(CommandContext context, IncidentId incidentId);

    /**
     * Marks the incident reviewed because its postmortem is published (what {@code POST .../review} asks);
     * refused with {@code REVIEW_REQUIRES_PUBLISHED_POSTMORTEM} otherwise.
     */
    CompletableFuture<CommandOutcome<Incident>> markIncidentReviewed(CommandContext context, IncidentId incidentId);

    /**
     * A postmortem as it stands, with what showing it needs.
     *
     * @param stale the statements and timeline rows whose cited facts were corrected later ({@code directCause},
     *     {@code fiveWhys[0]}, {@code timeline[3]})
     * @param incident the incident now
     */
    record View(Postmortem postmortem, List<String> stale, Incident incident) {
    }

    /**
     * One fact of a postmortem's history as stored.
     *
     * @param type the stored type name, e.g. {@code postmortem.PostmortemDrafted}
     * @param payloadJson the fact exactly as stored
     */
    record Recorded(String eventId, String type, PostmortemEvent event, String source, String payloadJson) {
    }
}
