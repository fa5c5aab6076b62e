/**
 * The signed HTTP webhook connector (type http).
 */
@NullMarked
package dev.rightsplatform.worker.connector.http;

import org.jspecify.annotations.NullMarked;
