/**
 * The RabbitMQ edge: queues this service declares, the listener, and the delay queues used for retries.
 */
@NullMarked
package dev.rightsplatform.notification.messaging;

import org.jspecify.annotations.NullMarked;
