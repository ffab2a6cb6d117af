package io.firedrill.domain.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Facts about alert deliveries. A delivery is stored as one fact before the sender gets its answer, so an
 * accepted alert is never lost; grouping alerts into incidents happens afterwards, from these facts.
 * The stored name and version are declared by the alert slice's table ({@code AlertSlice.EVENTS}).
 */
public sealed interface AlertEvent {

    IntegrationId integrationId();

    /**
     * An integration received a delivery of alerts, classified with the integration's settings at that
     * moment (so grouping them later gives the same result whatever the settings are by then).
     *
     * @param integrationName the integration's name then, which is the actor of the incident facts
     * @param groupingRule the grouping template that gave each alert its key
     * @param truncatedAlerts how many alerts the source left out of the payload (Alertmanager's
     *     {@code max_alerts}), for the record
     */
    record AlertsReceived(
            IntegrationId integrationId,
            String integrationName,
            IntegrationKind kind,
            String groupingRule,
            AutoResolvePolicy autoResolve,
            List<ReceivedAlert> alerts,
            int truncatedAlerts,
            Instant receivedAt) implements AlertEvent {

        public AlertsReceived {
            Objects.requireNonNull(integrationId, "integrationId");
            Objects.requireNonNull(integrationName, "integrationName");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(groupingRule, "groupingRule");
            Objects.requireNonNull(autoResolve, "autoResolve");
            Objects.requireNonNull(receivedAt, "receivedAt");
            alerts = List.copyOf(alerts);
        }
    }
}
