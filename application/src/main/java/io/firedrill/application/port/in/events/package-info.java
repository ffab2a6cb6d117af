/** The inbound port of the event feed: a tenant's facts in log order, resumable after any position. */
package io.firedrill.application.port.in.events;
