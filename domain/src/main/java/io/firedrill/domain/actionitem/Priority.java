package io.firedrill.domain.actionitem;

/** How urgent an action item is; {@code CRITICAL} first. */
public enum Priority { CRITICAL, HIGH, MEDIUM, LOW }
