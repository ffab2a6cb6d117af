/** Alert integrations over HTTP: create (the secret is shown once), read, change, rotate the secret, delete, and their alerts. */
package io.firedrill.adapter.rest.integration;
