/** Alert integrations and the alert grouping processor's memory on the reactive PostgreSQL client. */
package io.firedrill.adapter.persistence.alert;
