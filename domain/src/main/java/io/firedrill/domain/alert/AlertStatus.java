package io.firedrill.domain.alert;

/** Whether an alert is firing or has resolved, as its source says. */
public enum AlertStatus { FIRING, RESOLVED }
