package dev.rightsplatform.rights.request;

import java.util.Optional;

/**
 * The portal page of a completed request's signed receipt, which the completion event carries. Implemented by the
 * receipt feature, as {@link ExportBuildQueue} is by delivery, so that the request lifecycle does not depend on how
 * receipts are made (the receipt feature reads requests: the dependency goes one way).
 */
public interface ReceiptPages {

    /** {@code /receipts/<token>} for a request of a type that has a receipt; empty for the others. */
    Optional<String> portalPathOf(RightsRequest request);
}
