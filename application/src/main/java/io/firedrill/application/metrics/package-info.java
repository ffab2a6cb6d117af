/**
 * The metrics slice ({@link io.firedrill.application.metrics.MetricsSlice}): a tenant's metric settings, the
 * {@code incident-metrics} projection, and the figures computed from it with versioned definitions
 * ({@link io.firedrill.application.metrics.Metrics}).
 */
package io.firedrill.application.metrics;
