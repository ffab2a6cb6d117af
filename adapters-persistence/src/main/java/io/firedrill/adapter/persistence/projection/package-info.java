/**
 * What event processors keep beside their tokens: the events they parked because they could not apply them, and the
 * online rebuilds of read models under way.
 */
package io.firedrill.adapter.persistence.projection;
