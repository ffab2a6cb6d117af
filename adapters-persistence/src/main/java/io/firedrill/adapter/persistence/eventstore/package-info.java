/**
 * The event log on PostgreSQL: appends serialised in commit order and grouped into shared
 * transactions, sourcing by tags and types, and streaming by global position (see
 * {@code docs/adr/0001-event-store-ordering.md}).
 */
package io.firedrill.adapter.persistence.eventstore;
