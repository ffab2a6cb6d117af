/** The runtime connection pool, bounded in size, waiting requests and waiting time. */
package io.firedrill.adapter.persistence.pool;
