/**
 * What the worker answers over HTTP when something is wrong: every problem is application/problem+json (RFC 9457)
 * with a stable type URI, decided here and nowhere else.
 */
@NullMarked
package dev.rightsplatform.worker.web;

import org.jspecify.annotations.NullMarked;
