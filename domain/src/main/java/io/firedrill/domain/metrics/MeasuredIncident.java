package io.firedrill.domain.metrics;

import io.firedrill.domain.incident.Incident;
import io.firedrill.domain.incident.IncidentDecider;
import io.firedrill.domain.incident.IncidentEvent;
import io.firedrill.domain.incident.IncidentEvent.AlertReceived;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the metrics need of an incident: its state (without the alert memory, which metrics do not use) and
 * the grouping keys of the alerts it received, by which a recurrence is recognised.
 *
 * @param groupingKeys {@code <integration id>/<grouping key>}, in the order first seen
 */
public record MeasuredIncident(Incident incident, List<String> groupingKeys) {

    /** Nothing declared yet. */
    public static final MeasuredIncident EMPTY = new MeasuredIncident(Incident.EMPTY, List.of());

    public MeasuredIncident {
        Objects.requireNonNull(incident, "incident");
        groupingKeys = groupingKeys == null ? List.of() : List.copyOf(groupingKeys);
    }

    /** The next state after {@code event}, evolved with {@link IncidentDecider#evolve} like every incident view. */
    public static MeasuredIncident evolve(MeasuredIncident state, IncidentEvent event) {
        Incident next = IncidentDecider.evolve(state.incident(), event).withoutAlerts();
        if (event instanceof AlertReceived alert) {
            String key = alert.integrationId() + "/" + alert.groupingKey();
            if (!state.groupingKeys().contains(key)) {
                List<String> keys = new ArrayList<>(state.groupingKeys());
                keys.add(key);
                return new MeasuredIncident(next, keys);
            }
        }
        return new MeasuredIncident(next, state.groupingKeys());
    }
}
