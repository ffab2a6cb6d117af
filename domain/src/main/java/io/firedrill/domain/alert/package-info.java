/**
 * Alerts from monitoring: how an integration is configured, how an alert from it is classified (severity,
 * services, grouping key), and the fact that a delivery of alerts was received. Turning alerts into
 * incident facts is the incident's business ({@code RecordAlerts}).
 */
package io.firedrill.domain.alert;
