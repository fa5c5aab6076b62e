/**
 * Rate limits per partner, per signed-in person and per address of anonymous callers, counted in Redis so that
 * every gateway replica shares one budget per caller.
 */
@NullMarked
package dev.rightsplatform.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
