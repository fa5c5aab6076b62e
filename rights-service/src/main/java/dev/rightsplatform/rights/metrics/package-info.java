/**
 * Request and completion metrics for dashboards and alerts.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.metrics;

import org.jspecify.annotations.NullMarked;
