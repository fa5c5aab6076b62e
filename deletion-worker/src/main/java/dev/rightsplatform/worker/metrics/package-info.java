/**
 * The worker's domain metrics (tags bounded: system, action, outcome; never a task, request or person) and the trace
 * context carried into the messages it publishes.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.worker.metrics;

import org.jspecify.annotations.NullMarked;
