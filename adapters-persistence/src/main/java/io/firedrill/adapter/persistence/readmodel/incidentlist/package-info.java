/** The incident list read model on PostgreSQL. */
package io.firedrill.adapter.persistence.readmodel.incidentlist;
