/** Scheduled jobs: each runs an application use case on a worker thread at a configured interval. */
package io.firedrill.bootstrap.jobs;
