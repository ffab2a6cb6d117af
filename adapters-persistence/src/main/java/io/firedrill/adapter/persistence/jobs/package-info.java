/** Jobs that run once per period across every instance, and the purges they run. */
package io.firedrill.adapter.persistence.jobs;
