/** The audit log's chains in the {@code audit_record} and {@code audit_head} tables. */
package io.firedrill.adapter.persistence.audit;
