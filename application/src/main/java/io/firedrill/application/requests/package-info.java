/**
 * Idempotent requests, shared by every command endpoint: a repeat of a request sent with an
 * {@code Idempotency-Key} gets the first response and changes nothing.
 */
package io.firedrill.application.requests;
