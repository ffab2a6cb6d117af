package io.firedrill.application.port.in.incident;

import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.IncidentReplay.Knowledge;
import io.firedrill.domain.incident.ReplayDiff.FieldChange;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What can be read about incidents: one incident as it stands, its log (the timeline), its state at any instant
 * (replay) and what changed between two instants, all read from its event log (always current); and the list,
 * from the incident list read model. Every query is scoped to the tenant: another tenant's incident is
 * {@link IncidentNotFound}.
 */
public interface IncidentQueries {

    /** The incident's events in log order; {@link IncidentNotFound} when the tenant has no such incident. */
    CompletableFuture<List<RecordedIncidentEvent>> history(TenantId tenant, IncidentId id);

    /** The incident as it stands now; {@link IncidentNotFound} when the tenant has no such incident. */
    CompletableFuture<Incident> incident(TenantId tenant, IncidentId id);

    /** The incident's events in log order, or empty when the tenant has no such incident. */
    CompletableFuture<Optional<List<RecordedIncidentEvent>>> findHistory(TenantId tenant, IncidentId id);

    /**
     * The incident as it was at {@code at}: as it had happened ({@code OCCURRED}, later corrections applied) or as
     * Firedrill knew it ({@code RECORDED}). {@link IncidentNotFound} when it did not exist yet, saying when it did.
     */
    CompletableFuture<Replay> replay(TenantId tenant, IncidentId id, Instant at, Knowledge knowledge);

    /** What changed between {@code from} and {@code to} ({@code from} not after {@code to}). */
    CompletableFuture<Diff> diff(TenantId tenant, IncidentId id, Instant from, Instant to, Knowledge knowledge);

    /** One page of the tenant's incidents, newest detection first. */
    CompletableFuture<IncidentListQuery.Page> list(IncidentListQuery query);

    /** A fact as a replay shows it: the stored event and the fact (with the corrections known by then). */
    record ReplayedEntry(RecordedIncidentEvent recorded, IncidentEvent fact) {

        public ReplayedEntry {
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(fact, "fact");
        }
    }

    /** The incident at an instant and the facts it was folded from. */
    record Replay(Incident state, List<ReplayedEntry> facts) {

        public Replay {
            facts = List.copyOf(facts);
        }
    }

    /** The incident before and after (empty where it did not exist yet), the changed fields and the facts between. */
    record Diff(Optional<Incident> before, Optional<Incident> after, List<FieldChange> changes,
                List<ReplayedEntry> between) {

        public Diff {
            changes = List.copyOf(changes);
            between = List.copyOf(between);
        }
    }
}
