/**
 * The metrics slice: the metrics projection ({@link io.firedrill.application.metrics.IncidentMetricsProjector})
 * and the figures computed from it with versioned definitions ({@link io.firedrill.application.metrics.Metrics}).
 */
package io.firedrill.application.metrics;
