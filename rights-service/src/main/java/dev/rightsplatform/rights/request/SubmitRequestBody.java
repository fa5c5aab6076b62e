package dev.rightsplatform.rights.request;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/requests}. Unknown fields are refused (spring.jackson settings). */
record SubmitRequestBody(@NotNull RequestType type) {
}
