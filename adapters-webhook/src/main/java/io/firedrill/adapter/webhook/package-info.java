/** Alerts in (Alertmanager, Grafana, a generic signed format) and, later, notifications out. */
package io.firedrill.adapter.webhook;
