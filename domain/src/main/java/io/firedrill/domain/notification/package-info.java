/**
 * Notifications out: the channels a tenant sends to (Slack, Feishu/Lark, DingTalk, WeCom, Microsoft Teams, signed
 * webhooks), their settings, and the message a channel is sent before it is put into a vendor's format.
 */
package io.firedrill.domain.notification;
