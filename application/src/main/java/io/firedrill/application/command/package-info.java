/**
 * How commands travel: the sender that decides a command again when it loses a race for its subject, and the
 * metadata every command carries and every stored event records.
 */
package io.firedrill.application.command;
