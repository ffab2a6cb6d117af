/**
 * The persistence adapter: the event store and token store behind Axon, read models, the database
 * readiness check, and the Flyway migrations under {@code db/migration}. Runtime I/O is reactive
 * (Vert.x PostgreSQL client); JDBC is used only by Flyway at start-up.
 */
package io.firedrill.adapter.persistence;
