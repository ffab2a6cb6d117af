package io.firedrill.domain.alert;

/** The payload format an integration receives. */
public enum IntegrationKind { ALERTMANAGER, GRAFANA, GENERIC }
