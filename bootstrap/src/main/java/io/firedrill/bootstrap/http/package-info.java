/**
 * Limits every API request meets before a resource sees it: admission control (a bounded number of requests in
 * flight; beyond it an immediate 503) and the request deadline (a request that has not answered in time is answered
 * 503). Both answer with the problem+json document of {@link io.firedrill.bootstrap.http.Unavailability}.
 */
package io.firedrill.bootstrap.http;
