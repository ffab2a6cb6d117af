/** Notification channels over HTTP: configured by a tenant's admins, tested with a real send. */
package io.firedrill.adapter.rest.notification;
