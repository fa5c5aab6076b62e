package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.type.RequestType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/v1/requests}. Unknown fields are refused (spring.jackson settings).
 *
 * @param jurisdiction optional ISO 3166 code of the law the person claims (e.g. {@code CN}, {@code GB-SCT},
 *                     {@code US-CA}); else the token's {@code jurisdiction} claim, else the operator's default
 */
record SubmitRequestBody(
        @NotNull RequestType type,

        @Pattern(regexp = Jurisdictions.CODE, message = "must be an ISO 3166 code such as CN, DE, GB-SCT or US-CA")
        String jurisdiction) {}
