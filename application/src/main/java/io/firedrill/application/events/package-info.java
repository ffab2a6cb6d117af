/** The event feed slice: a tenant's facts in log order, resumable after any position, for other tools. */
package io.firedrill.application.events;
