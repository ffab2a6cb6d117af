/** The security slice: API tokens, tenants, and who a request is. */
package io.firedrill.application.security;
