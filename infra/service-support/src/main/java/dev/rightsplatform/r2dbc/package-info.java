/**
 * What every service's R2DBC connections share: the driver runs without the caller's thread-local values
 * ({@link dev.rightsplatform.r2dbc.DriverContextShield}).
 */
@NullMarked
package dev.rightsplatform.r2dbc;

import org.jspecify.annotations.NullMarked;
