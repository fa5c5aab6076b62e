package dev.rightsplatform.rights.request;

import dev.rightsplatform.rights.type.RequestType;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request submitted without a login: the address a one-time code goes to proves who is asking.
 *
 * @param locale {@code en} or {@code zh-CN} (anything else: English)
 */
record PublicRequestBody(
        @NotNull RequestType type,
        @NotBlank @Email @Size(max = 254) String email,

        @Pattern(regexp = Jurisdictions.CODE, message = "must be an ISO 3166 code such as CN, DE, GB-SCT or US-CA")
        String jurisdiction,

        @Size(max = 20) String locale) {}
