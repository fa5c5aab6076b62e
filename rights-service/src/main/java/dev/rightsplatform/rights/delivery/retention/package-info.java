/**
 * Deleting collected data nobody may read any more: expired export archives, access data past its retention, the
 * parts of cancelled or refused requests. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.delivery.retention;

import org.jspecify.annotations.NullMarked;
