/** The inbound ports of the metrics slice: the metrics use cases and the figures they return. */
package io.firedrill.application.port.in.metrics;
