/**
 * Action items: corrective and preventive work that comes out of incidents and postmortems, tracked to
 * closure. Status NOT_STARTED → IN_PROGRESS → COMPLETED, with BLOCKED and CANCELLED (each with a reason);
 * reopening is allowed and recorded. Overdue is derived from the due date, never stored; the scheduler
 * records the fact that an item became overdue (and a reminder before its due date) once per due date.
 */
package io.firedrill.domain.actionitem;
