/** The action item read model: list, report and the reminder job's candidates. */
package io.firedrill.adapter.persistence.readmodel.actionitems;
