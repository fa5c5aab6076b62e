/**
 * Reports that systems post back about tasks they accepted, and the scan that ends waits past their due time.
 */
@NullMarked
package dev.rightsplatform.worker.callback;

import org.jspecify.annotations.NullMarked;
