/**
 * The Quarkus application that wires Firedrill together: configuration, the hand-built Axon
 * configuration and its lifecycle, scheduled jobs. Bootstrap may depend on every module; no module
 * depends on it.
 */
package io.firedrill.bootstrap;
