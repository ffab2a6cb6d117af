/**
 * How commands travel: the sender that decides a command again when it loses a race for its subject (the metadata
 * every command carries is {@link io.firedrill.application.port.in.CommandMetadata}).
 */
package io.firedrill.application.command;
