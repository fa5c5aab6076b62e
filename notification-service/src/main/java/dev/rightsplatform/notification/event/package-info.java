/**
 * The RequestEvent message as infra/asyncapi.yaml describes it, and the strict reader that turns bytes into one.
 */
@NullMarked
package dev.rightsplatform.notification.event;

import org.jspecify.annotations.NullMarked;
