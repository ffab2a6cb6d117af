/**
 * Incidents: from detection through mitigation and resolution to review.
 *
 * <p>An incident is event sourced. {@link io.firedrill.domain.incident.IncidentDecider#decide} turns an
 * {@link io.firedrill.domain.incident.IncidentCommand} into {@link io.firedrill.domain.incident.IncidentEvent}s
 * (or refuses it with an {@link io.firedrill.domain.incident.IncidentRuleViolation} naming the broken rule),
 * {@link io.firedrill.domain.incident.IncidentDecider#evolve} folds events into an
 * {@link io.firedrill.domain.incident.Incident}, and {@link io.firedrill.domain.incident.IncidentReplay}
 * answers "what did the incident look like at that instant", either as Firedrill knew it then or as it
 * actually happened according to everything known now.
 *
 * <p>Every event has two instants: {@code occurredAt}, when it happened (possibly backdated by the
 * responder), and {@code recordedAt}, when Firedrill learned it. Nothing here reads the clock; the
 * recording instant is passed in as {@code now}.
 */
package io.firedrill.domain.incident;
