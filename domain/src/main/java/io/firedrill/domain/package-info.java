/**
 * Firedrill's domain: commands, events, deciders and policies in pure Java.
 *
 * <p>Nothing here imports a framework, reads the clock or makes random ids: time and identities
 * are passed in, so every decision can be replayed. The build enforces this (architecture rules
 * {@code domain_is_pure_java} and {@code domain_never_reads_the_clock}).
 */
package io.firedrill.domain;
