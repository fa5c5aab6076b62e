/**
 * Confirmed publishing to RabbitMQ, the one way every service publishes: a message counts as sent only once the broker
 * confirmed it and routed it to a queue.
 */
@NullMarked
package dev.rightsplatform.messaging;

import org.jspecify.annotations.NullMarked;
