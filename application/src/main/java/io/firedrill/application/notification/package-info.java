/** The notification slice: channels, their sealed destinations and test messages. */
package io.firedrill.application.notification;
