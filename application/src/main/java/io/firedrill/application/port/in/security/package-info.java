/**
 * The inbound ports of the security slice: who a request is ({@link io.firedrill.application.port.in.security.Principal}),
 * what roles exist, API tokens and tenants.
 */
package io.firedrill.application.port.in.security;
