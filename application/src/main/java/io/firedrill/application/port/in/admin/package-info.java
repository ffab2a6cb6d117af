/**
 * Operator use cases (no tenant): the state of the event processors and their parked events. Open to every caller
 * until authentication gives them an admin role (issue 24).
 */
package io.firedrill.application.port.in.admin;
