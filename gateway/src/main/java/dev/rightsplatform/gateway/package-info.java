/**
 * The platform's only public entry: routes, token checks, request ids, body-size limits, and the problems the gateway
 * answers with itself.
 */
@NullMarked
package dev.rightsplatform.gateway;

import org.jspecify.annotations.NullMarked;
