/**
 * Slices: each concept of Firedrill declares itself once ({@link io.firedrill.application.slice.Slice}: its stored
 * event names and versions, tags, deciders, use cases and processors) and is found through
 * {@code META-INF/services}; {@link io.firedrill.application.slice.Slices} turns every slice into Axon's
 * configuration and the running use cases and processors. The generic command handler, the read-model row
 * projection and the stored-type table live here too.
 */
package io.firedrill.application.slice;
