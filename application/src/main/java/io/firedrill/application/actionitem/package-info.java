/**
 * The action item slice ({@link io.firedrill.application.actionitem.ActionItemSlice}): its stored events and
 * decider, the commands and queries it provides, the list projection and the reminder job's work
 * ({@link io.firedrill.application.actionitem.ActionItemReminders}).
 */
package io.firedrill.application.actionitem;
