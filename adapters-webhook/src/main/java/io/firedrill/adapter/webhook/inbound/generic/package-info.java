/** Firedrill's generic alert format, one alert per request, signed with HMAC-SHA256. */
package io.firedrill.adapter.webhook.inbound.generic;
