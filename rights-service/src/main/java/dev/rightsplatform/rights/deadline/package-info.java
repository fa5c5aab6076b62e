/**
 * The deadline engine: when a request must be answered, from the jurisdiction's statutory policy, its time zone and
 * its working-day calendar. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.deadline;

import org.jspecify.annotations.NullMarked;
