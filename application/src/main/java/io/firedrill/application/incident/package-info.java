/**
 * The incident slice ({@link io.firedrill.application.incident.IncidentSlice}): its stored events and decider, the
 * commands and queries it provides, and the incident list projection.
 */
package io.firedrill.application.incident;
