package dev.rightsplatform.portal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A signed receipt as rights-service issues it: {@code payload} is the base64 of the exact JSON bytes that were
 * signed, {@code signature} the base64 SHA256withRSA signature, verifiable with the platform certificate.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignedReceipt(String format, String algorithm, String payload, String signature, String certificateUrl) {}
