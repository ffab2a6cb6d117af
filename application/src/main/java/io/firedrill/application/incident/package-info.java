/**
 * The incident slice: commands through Axon ({@link io.firedrill.application.incident.IncidentCommands}),
 * the log of one incident ({@link io.firedrill.application.incident.IncidentHistory}), and the list
 * projection ({@link io.firedrill.application.incident.IncidentListProjector}).
 */
package io.firedrill.application.incident;
