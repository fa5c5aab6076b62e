package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.partner.PartnerIdentity;
import dev.rightsplatform.rights.type.RequestType;
import dev.rightsplatform.rights.web.InstantRange;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A validated OpenDSR create body. Every problem is collected (not just the first) and named by field, never by
 * value. (ours) Unknown top-level fields are refused; {@code extensions} may hold anything.
 */
record CreateRequest(
        UUID subjectRequestId,
        String regulation,
        String requestType,
        PartnerIdentity identity,
        Instant submittedTime,
        List<URI> callbackUrls) {

    static final Map<String, RequestType> TYPES =
            Map.of("access", RequestType.ACCESS, "portability", RequestType.EXPORT, "erasure", RequestType.DEREGISTER);
    static final Set<String> IDENTITY_FORMATS = Set.of("raw", "sha1", "md5", "sha256");
    private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");
    private static final Set<String> FIELDS = Set.of(
            "regulation",
            "subject_request_id",
            "subject_request_type",
            "subject_identities",
            "submitted_time",
            "api_version",
            "status_callback_urls",
            "extensions");
    private static final Pattern UUID_V4 =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    private static final int MAX_CALLBACKS = 5;
    private static final int MAX_URL_LENGTH = 2000;

    RequestType platformType() {
        return TYPES.get(requestType);
    }

    /** {@code maxSubmittedAge}: how far back {@code submitted_time} may lie (rights.opendsr.max-submitted-age). */
    static CreateRequest from(@Nullable JsonNode body, Set<String> regulations, Instant now, Duration maxSubmittedAge) {
        var errors = new ArrayList<OpenDsrError.Item>();
        if (body == null || !body.isObject()) {
            throw OpenDsrError.invalid(
                    List.of(new OpenDsrError.Item("invalid_body", "The body must be a JSON object.")));
        }
        TreeText.check(body, errors);
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new OpenDsrError.Item(
                        "unknown_field", "Unknown field (only OpenDSR 2.0 fields are accepted)."));
            }
        });
        var regulation = text(body, "regulation", errors);
        if (regulation != null && !regulations.contains(regulation)) {
            errors.add(
                    new OpenDsrError.Item("unsupported_regulation", "regulation must be one of " + regulations + "."));
        }
        var id = text(body, "subject_request_id", errors);
        UUID subjectRequestId = null;
        if (id != null && !UUID_V4.matcher(id).matches()) {
            errors.add(new OpenDsrError.Item(
                    "invalid_subject_request_id", "subject_request_id must be a lowercase UUID v4."));
        } else if (id != null) {
            subjectRequestId = UUID.fromString(id);
        }
        var type = text(body, "subject_request_type", errors);
        if (type != null && !TYPES.containsKey(type)) {
            errors.add(new OpenDsrError.Item(
                    "unsupported_subject_request_type",
                    "subject_request_type must be access, portability or erasure."));
        }
        var submitted = submittedTime(body, now, maxSubmittedAge, errors);
        var identity = identity(body.get("subject_identities"), errors);
        var callbacks = callbackUrls(body.get("status_callback_urls"), errors);
        var apiVersion = body.get("api_version");
        if (apiVersion != null
                && !apiVersion.isNull()
                && !(apiVersion.isString() && apiVersion.asString().startsWith("2."))) {
            errors.add(new OpenDsrError.Item("unsupported_api_version", "api_version must be 2.x."));
        }
        var extensions = body.get("extensions");
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            errors.add(new OpenDsrError.Item("invalid_extensions", "extensions must be an object."));
        }
        if (!errors.isEmpty()) {
            throw OpenDsrError.invalid(errors);
        }
        return new CreateRequest(subjectRequestId, regulation, type, identity, submitted, callbacks);
    }

    private static @Nullable String text(JsonNode body, String field, List<OpenDsrError.Item> errors) {
        var node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(new OpenDsrError.Item("required_field_missing", field + " is required."));
            return null;
        }
        if (!node.isString() || node.asString().isBlank()) {
            errors.add(new OpenDsrError.Item("invalid_value", field + " must be a non-empty string."));
            return null;
        }
        return node.asString();
    }

    /**
     * RFC 3339, not in the future (5 minutes of clock skew allowed): the deadline runs from it. Nor older than
     * {@code maxAge} (and never before 2000): an old time would make the request overdue on arrival.
     */
    private static @Nullable Instant submittedTime(
            JsonNode body, Instant now, Duration maxAge, List<OpenDsrError.Item> errors) {
        var value = text(body, "submitted_time", errors);
        if (value == null) {
            return null;
        }
        try {
            var time = OffsetDateTime.parse(value).toInstant();
            if (time.isAfter(now.plusSeconds(300))) {
                errors.add(new OpenDsrError.Item("invalid_submitted_time", "submitted_time lies in the future."));
                return null;
            }
            if (time.isBefore(InstantRange.EARLIEST) || time.isBefore(now.minus(maxAge))) {
                errors.add(new OpenDsrError.Item(
                        "invalid_submitted_time",
                        "submitted_time must lie within the last " + maxAge.toDays() + " days."));
                return null;
            }
            return time;
        } catch (DateTimeParseException e) {
            errors.add(
                    new OpenDsrError.Item("invalid_submitted_time", "submitted_time must be an RFC 3339 date-time."));
            return null;
        }
    }

    /**
     * How the partner names the person: their account id ({@code controller_customer_id}, raw) if given, else their
     * e-mail address ({@code email}, raw or sha256). Only a person linked to the partner is found by either; other
     * well-formed identities are accepted alongside and ignored.
     */
    private static @Nullable PartnerIdentity identity(JsonNode identities, List<OpenDsrError.Item> errors) {
        if (identities == null || !identities.isArray() || identities.isEmpty()) {
            errors.add(new OpenDsrError.Item("required_field_missing", "subject_identities must be a non-empty list."));
            return null;
        }
        PartnerIdentity account = null;
        PartnerIdentity email = null;
        for (var identity : identities) {
            if (!identity.isObject()
                    || !identity.path("identity_type").isString()
                    || !identity.path("identity_value").isString()
                    || !identity.path("identity_format").isString()
                    || identity.size() != 3) {
                errors.add(new OpenDsrError.Item(
                        "invalid_identity",
                        "Each identity needs exactly identity_type, identity_value and identity_format, as strings."));
                return null;
            }
            var type = identity.get("identity_type").asString();
            var format = identity.get("identity_format").asString();
            var value = identity.get("identity_value").asString();
            if (!IDENTITY_FORMATS.contains(format)) {
                errors.add(new OpenDsrError.Item(
                        "invalid_identity_format", "identity_format must be raw, sha1, md5 or sha256."));
                return null;
            }
            if (value.isBlank() || value.length() > 255) {
                errors.add(new OpenDsrError.Item("invalid_identity", "identity_value must be 1 to 255 characters."));
                return null;
            }
            if ("controller_customer_id".equals(type) && "raw".equals(format)) {
                account = PartnerIdentity.accountId(value);
            } else if ("email".equals(type) && "raw".equals(format)) {
                email = PartnerIdentity.rawEmail(value);
            } else if ("email".equals(type) && "sha256".equals(format)) {
                if (!SHA256_HEX.matcher(value).matches()) {
                    errors.add(
                            new OpenDsrError.Item("invalid_identity", "An sha256 email is 64 hexadecimal characters."));
                    return null;
                }
                email = PartnerIdentity.emailSha256(value);
            }
        }
        if (account == null && email == null) {
            errors.add(
                    new OpenDsrError.Item(
                            "unsupported_identity",
                            "A controller_customer_id (raw) or an email (raw or sha256) identity is required (see discovery)."));
        }
        return account != null ? account : email;
    }

    private static List<URI> callbackUrls(JsonNode urls, List<OpenDsrError.Item> errors) {
        if (urls == null || urls.isNull()) {
            return List.of();
        }
        if (!urls.isArray() || urls.size() > MAX_CALLBACKS) {
            errors.add(new OpenDsrError.Item(
                    "invalid_status_callback_urls",
                    "status_callback_urls must be a list of at most " + MAX_CALLBACKS + " URLs."));
            return List.of();
        }
        var parsed = new ArrayList<URI>();
        for (var url : urls) {
            try {
                if (!url.isString() || url.asString().length() > MAX_URL_LENGTH) {
                    throw new IllegalArgumentException("not a string");
                }
                var uri = new URI(url.asString());
                if (!uri.isAbsolute()
                        || uri.getHost() == null
                        || uri.getUserInfo() != null
                        || uri.getFragment() != null) {
                    throw new IllegalArgumentException("not an absolute URL");
                }
                parsed.add(uri);
            } catch (Exception e) {
                errors.add(new OpenDsrError.Item(
                        "invalid_status_callback_url", "Each status callback URL must be an absolute URL."));
                return List.of();
            }
        }
        return List.copyOf(parsed);
    }
}
