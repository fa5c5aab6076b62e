/**
 * notification-service: consumes request lifecycle events and tells the person concerned what happened.
 * Features: {@code event} (the message contract), {@code mail} (templates and SMTP), {@code delivery}
 * (the delivery log that makes sending at-most-once), {@code messaging} (RabbitMQ topology and listener),
 * {@code web} (problem details for whatever goes wrong over HTTP).
 */
@NullMarked
package dev.rightsplatform.notification;

import org.jspecify.annotations.NullMarked;
