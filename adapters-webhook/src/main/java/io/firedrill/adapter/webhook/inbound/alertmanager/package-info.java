/** Prometheus Alertmanager's webhook payload, version 4. */
package io.firedrill.adapter.webhook.inbound.alertmanager;
