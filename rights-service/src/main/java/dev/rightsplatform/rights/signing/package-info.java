/**
 * The platform's signing key as the features that vouch for something see it (receipts, audit anchors, OpenDSR
 * answers): an interface with no dependency, so none of them depends on another through the key.
 */
@NullMarked
package dev.rightsplatform.rights.signing;

import org.jspecify.annotations.NullMarked;
