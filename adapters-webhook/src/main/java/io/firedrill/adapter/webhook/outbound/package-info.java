/** Calls Firedrill makes to other systems: the probes of drill steps. */
package io.firedrill.adapter.webhook.outbound;
