/**
 * Axon's token store on PostgreSQL: the position of every streaming processor segment, and the
 * expiring claims that let several Firedrill instances share the segments of one processor.
 */
package io.firedrill.adapter.persistence.tokenstore;
