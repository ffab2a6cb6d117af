/**
 * Alert receivers: authenticate, check and parse a source's payload, and store it through the alert
 * intake before answering. Limits: 1 MiB of body and 1,000 alerts per request (413 above); 100 labels or
 * annotations per alert, names up to 256 and values up to 16,384 characters (400 above).
 */
package io.firedrill.adapter.webhook.inbound;
