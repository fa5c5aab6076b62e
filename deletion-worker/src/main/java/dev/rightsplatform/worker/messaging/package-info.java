/**
 * RabbitMQ topology and publishing with publisher confirms.
 */
@NullMarked
package dev.rightsplatform.worker.messaging;

import org.jspecify.annotations.NullMarked;
