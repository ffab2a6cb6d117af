/**
 * Inbound ports: the use cases adapters call (REST resources, alert receivers, jobs), one subpackage per concept,
 * and the types every command shares (context, outcome, not found, version mismatch, concurrent change). Adapters
 * obtain them from {@link io.firedrill.application.port.in.UseCases}; they never fold events or call a decider.
 */
package io.firedrill.application.port.in;
