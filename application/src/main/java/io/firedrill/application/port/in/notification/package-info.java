/** The notification use cases: a tenant's channels, and what a send to one of them answered. */
package io.firedrill.application.port.in.notification;
