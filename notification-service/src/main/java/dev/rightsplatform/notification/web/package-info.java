/**
 * What notification-service answers over HTTP when something is wrong (it serves only the actuator): every error is
 * application/problem+json (RFC 9457) with a stable type URI, decided here and nowhere else.
 */
@NullMarked
package dev.rightsplatform.notification.web;

import org.jspecify.annotations.NullMarked;
