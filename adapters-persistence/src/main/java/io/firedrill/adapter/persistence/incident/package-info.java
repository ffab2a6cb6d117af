/** Incident storage besides the event log: the per-tenant number sequence. */
package io.firedrill.adapter.persistence.incident;
