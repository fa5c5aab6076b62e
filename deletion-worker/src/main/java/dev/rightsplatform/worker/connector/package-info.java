/**
 * Connectors: how the worker talks to each downstream system, chosen by the system's configured type.
 */
@NullMarked
package dev.rightsplatform.worker.connector;

import org.jspecify.annotations.NullMarked;
