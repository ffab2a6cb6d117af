package io.firedrill.application.port.out;

import io.firedrill.application.port.in.alert.AlertTrack;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.incident.IncidentId;
import io.firedrill.domain.incident.TrackedAlert;
import io.firedrill.domain.shared.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The alert grouping processor's memory: which incident each grouping key of an integration currently
 * feeds, and what is known of each alert fingerprint (its occurrence, status and incident). Written only by
 * that processor, one integration at a time, so it needs no locking; every write is idempotent.
 */
public interface AlertGroups {

    /** What is known of a grouping key and of the given fingerprints. */
    CompletableFuture<GroupState> load(IntegrationId integration, String groupingKey, Collection<String> fingerprints);

    /** Records where the key now points and what is known of the alerts (insert or replace). */
    CompletableFuture<Void> save(TenantId tenant, IntegrationId integration, String groupingKey, IncidentId incident,
                                 List<AlertTrack> alerts);

    /** The integration's alerts, most recently changed first. */
    CompletableFuture<List<AlertTrack>> alerts(IntegrationId integration, int limit);

    /** A grouping key's current incident (if any) and the known fingerprints among those asked for. */
    record GroupState(Optional<IncidentId> incident, Map<String, AlertTrack> alerts) {

        public GroupState {
            Objects.requireNonNull(incident, "incident");
            alerts = Map.copyOf(alerts);
        }
    }
}
