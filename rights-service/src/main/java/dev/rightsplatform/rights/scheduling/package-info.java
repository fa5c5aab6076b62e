/**
 * {@code PeriodicWork}: the timer every scan, sweep and sender runs on (one round at a time, failures retried, a
 * watchdog, health and metrics); {@code RowBatches}: the one safe shape for work over many rows.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.scheduling;

import org.jspecify.annotations.NullMarked;
