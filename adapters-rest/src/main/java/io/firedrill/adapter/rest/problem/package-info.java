/**
 * RFC 9457 problem details: one response shape for every error the API returns, with
 * {@code errors[]} naming the offending fields of a bad request.
 */
package io.firedrill.adapter.rest.problem;
