/**
 * COLLECT's way out: the part document a connector fetched, streamed to rights-service with the worker's own
 * access token, never through RabbitMQ and never whole in memory.
 */
@NullMarked
package dev.rightsplatform.worker.collection;

import org.jspecify.annotations.NullMarked;
