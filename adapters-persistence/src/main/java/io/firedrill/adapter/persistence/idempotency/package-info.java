/** The responses remembered for {@code Idempotency-Key} requests, on PostgreSQL. */
package io.firedrill.adapter.persistence.idempotency;
