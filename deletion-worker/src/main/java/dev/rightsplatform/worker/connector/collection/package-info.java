/**
 * COLLECT's way out: the part document a connector fetched, streamed to rights-service with the worker's own
 * access token, never through RabbitMQ and never whole in memory. A part of the connectors (the http and sql ones
 * use it), so it lives under them: it uses the connector's outcome types, and they use it, without a package cycle.
 */
@NullMarked
package dev.rightsplatform.worker.connector.collection;

import org.jspecify.annotations.NullMarked;
