/** Reliability metrics over HTTP: {@code /api/v1/metrics}. */
package io.firedrill.adapter.rest.metrics;
