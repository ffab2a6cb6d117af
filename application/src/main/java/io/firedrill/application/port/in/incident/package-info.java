/** The inbound ports of the incident slice: its use cases and the types they take and return. */
package io.firedrill.application.port.in.incident;
