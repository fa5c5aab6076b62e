/**
 * The OpenDSR processor connector (type opendsr): erasures submitted to vendors that speak OpenDSR 2.0, their
 * status followed, their signed callbacks verified.
 */
@NullMarked
package dev.rightsplatform.worker.connector.opendsr;

import org.jspecify.annotations.NullMarked;
