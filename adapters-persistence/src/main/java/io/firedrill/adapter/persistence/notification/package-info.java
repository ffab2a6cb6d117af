/** Notification channels in the {@code notification_channel} table, through Hibernate Reactive with Panache. */
package io.firedrill.adapter.persistence.notification;
