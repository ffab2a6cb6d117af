/**
 * Reliability metrics: the published, versioned definitions of the duration metrics and what the metrics
 * read model keeps of each incident.
 */
package io.firedrill.domain.metrics;
