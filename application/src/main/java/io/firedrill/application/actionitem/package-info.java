/**
 * The action item slice: commands through Axon ({@link io.firedrill.application.actionitem.ActionItemCommands}),
 * one item's log ({@link io.firedrill.application.actionitem.ActionItemHistory}), the list projection
 * ({@link io.firedrill.application.actionitem.ActionItemListProjector}) and the reminder job's work
 * ({@link io.firedrill.application.actionitem.ActionItemReminders}).
 */
package io.firedrill.application.actionitem;
