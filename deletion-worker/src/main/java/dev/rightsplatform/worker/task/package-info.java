/**
 * Consuming task commands: reading, claiming, carrying out and acknowledging them.
 */
@NullMarked
package dev.rightsplatform.worker.task;

import org.jspecify.annotations.NullMarked;
