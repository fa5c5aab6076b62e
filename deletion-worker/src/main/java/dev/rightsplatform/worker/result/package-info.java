/**
 * Publishing the final TaskResult of each task.
 */
@NullMarked
package dev.rightsplatform.worker.result;

import org.jspecify.annotations.NullMarked;
