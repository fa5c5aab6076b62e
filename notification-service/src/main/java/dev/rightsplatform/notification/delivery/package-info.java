/**
 * Carrying one event out exactly once: the delivery log (claim before send), retry policy and outcomes.
 */
@NullMarked
package dev.rightsplatform.notification.delivery;

import org.jspecify.annotations.NullMarked;
