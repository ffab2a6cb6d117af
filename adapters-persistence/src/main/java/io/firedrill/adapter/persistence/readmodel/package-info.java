/** Read models: tables fed by projections from the event log, one package per view. */
package io.firedrill.adapter.persistence.readmodel;
