/** Postmortems over HTTP: {@code /api/v1/incidents/{id}/postmortem} and its Markdown export. */
package io.firedrill.adapter.rest.postmortem;
