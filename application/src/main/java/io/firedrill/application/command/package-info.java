/**
 * What every event-sourced slice shares: the command context and outcome, one generic command handler
 * ({@link io.firedrill.application.slice.SourcedCommandHandler}) over a slice's
 * {@link io.firedrill.application.slice.SourcedModel}, the retrying sender, the recorded metadata and the
 * stored message names.
 */
package io.firedrill.application.command;
