/**
 * Notification channels out: each vendor's message format, signing scheme and answers ({@link VendorFormat}), the
 * operator's outbound rules ({@link OutboundRules}), and the HTTP sender that applies both ({@link HttpChannelSender}).
 */
package io.firedrill.adapter.webhook.notification;
