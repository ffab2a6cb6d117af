/**
 * Who may call what: API token authentication, the access table of every endpoint, and the filter that enforces it
 * before any endpoint runs.
 */
package io.firedrill.adapter.rest.security;
