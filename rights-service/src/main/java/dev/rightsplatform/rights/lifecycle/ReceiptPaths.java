package dev.rightsplatform.rights.lifecycle;

import org.jspecify.annotations.Nullable;

/**
 * Where the person finds the receipt of a completed request, for the completion event; implemented by the receipt
 * package, so that the request lifecycle does not depend on how receipts are made.
 */
public interface ReceiptPaths {

    /** The portal's page of the request's receipt; null when requests of its type get none. */
    @Nullable
    String portalPathOf(RightsRequest completed);
}
