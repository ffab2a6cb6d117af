/**
 * Firedrill's use cases: command handlers and queries in vertical slices per feature, the ports they
 * need ({@code port.in}, {@code port.out}), and the Axon Framework wiring of the core. No JAX-RS, SQL,
 * Vert.x or Hibernate here: adapters implement the ports.
 */
package io.firedrill.application;
