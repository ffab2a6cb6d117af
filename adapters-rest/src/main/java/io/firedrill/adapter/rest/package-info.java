/**
 * The REST adapter: JAX-RS resources under {@code /api/v1}, their DTOs, and the mapping of every
 * failure to {@code application/problem+json} (RFC 9457).
 */
package io.firedrill.adapter.rest;
