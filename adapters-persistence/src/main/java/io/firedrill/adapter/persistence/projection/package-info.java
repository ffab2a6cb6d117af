/** What event processors keep beside their tokens: the events they parked because they could not apply them. */
package io.firedrill.adapter.persistence.projection;
