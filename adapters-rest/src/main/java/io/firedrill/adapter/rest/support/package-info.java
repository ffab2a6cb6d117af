/** What every resource needs: the caller's identity, idempotent command execution. */
package io.firedrill.adapter.rest.support;
