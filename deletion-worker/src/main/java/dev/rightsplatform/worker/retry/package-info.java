/**
 * Retries through RabbitMQ delay queues, with exponential backoff and jitter.
 */
@NullMarked
package dev.rightsplatform.worker.retry;

import org.jspecify.annotations.NullMarked;
