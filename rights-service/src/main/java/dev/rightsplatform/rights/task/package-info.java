/**
 * One task per downstream system and phase, and dispatching them through the outbox.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.task;

import org.jspecify.annotations.NullMarked;
