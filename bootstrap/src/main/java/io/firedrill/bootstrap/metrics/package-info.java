/** Firedrill's own figures for Prometheus. */
package io.firedrill.bootstrap.metrics;
