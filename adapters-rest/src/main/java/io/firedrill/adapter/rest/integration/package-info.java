/** Alert integrations over HTTP: create (the secret is shown once), read, change, delete, and their alerts. */
package io.firedrill.adapter.rest.integration;
