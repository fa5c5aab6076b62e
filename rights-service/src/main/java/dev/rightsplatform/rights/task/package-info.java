/**
 * One task per downstream system and step of a request, what it asks ({@code TaskAction}), and sending tasks out
 * through the outbox. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.task;

import org.jspecify.annotations.NullMarked;
