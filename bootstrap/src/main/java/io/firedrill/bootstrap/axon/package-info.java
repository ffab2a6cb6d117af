/** The hand-built Axon Framework configuration: built and started with Quarkus, shut down with it. */
package io.firedrill.bootstrap.axon;
