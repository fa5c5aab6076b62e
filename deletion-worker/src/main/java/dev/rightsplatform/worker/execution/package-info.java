/**
 * The task execution ledger: what was done for each taskId, so redeliveries never repeat work.
 */
@NullMarked
package dev.rightsplatform.worker.execution;

import org.jspecify.annotations.NullMarked;
