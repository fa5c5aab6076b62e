package dev.rightsplatform.gateway;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Every problem the gateway answers with itself (RFC 9457), each with a stable {@code type}: {@code /problems/<slug>},
 * named as rights-service names its own. A plain HTTP error with no problem of its own is {@code /problems/http-<status>}
 * there and here, so a client sees one type for a 405 whoever answered. Texts are fixed: nothing from the request is
 * echoed, so no personal data can come back in an error.
 */
public enum ProblemType {
    MALFORMED_REQUEST(
            HttpStatus.BAD_REQUEST,
            "malformed-request",
            "The request could not be read",
            "The request is not well-formed HTTP, or its target is not a valid URI."),
    REQUEST_REJECTED(
            HttpStatus.BAD_REQUEST,
            "request-rejected",
            "The request was refused",
            "The URL or headers contain something the platform does not accept: encoded dots, slashes or "
                    + "backslashes, semicolons, double slashes or control characters."),
    UNAUTHENTICATED(
            HttpStatus.UNAUTHORIZED,
            "unauthenticated",
            "A valid bearer token is required",
            "Sign in again: the token is missing, invalid or expired."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "This path is not served."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "http-404", "Not found", "No service answers this path."),
    METHOD_NOT_ALLOWED(
            HttpStatus.METHOD_NOT_ALLOWED,
            "http-405",
            "Method not allowed",
            "This method is not accepted here; the Allow header lists those that are."),
    NOT_ACCEPTABLE(
            HttpStatus.NOT_ACCEPTABLE, "http-406", "Not acceptable", "No representation matches the Accept header."),
    PAYLOAD_TOO_LARGE(
            HttpStatus.CONTENT_TOO_LARGE,
            "payload-too-large",
            "The request body is too large",
            "The request body exceeds the size the platform accepts."),
    URI_TOO_LONG(
            HttpStatus.URI_TOO_LONG,
            "http-414",
            "URI too long",
            "The request line is longer than the platform accepts."),
    UNSUPPORTED_MEDIA_TYPE(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "http-415",
            "Unsupported media type",
            "The Content-Type of the request body is not accepted here."),
    RATE_LIMITED(
            HttpStatus.TOO_MANY_REQUESTS,
            "rate-limited",
            "Too many requests",
            "Too many requests: wait the number of seconds given in Retry-After, then try again."),
    HEADERS_TOO_LARGE(
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "http-431",
            "Request header fields too large",
            "The request headers are larger than the platform accepts."),
    INTERNAL_ERROR(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Something went wrong in the gateway",
            "The gateway failed to handle the request."),
    BAD_GATEWAY(
            HttpStatus.BAD_GATEWAY,
            "bad-gateway",
            "The service gave no valid answer",
            "The service behind the gateway closed the connection or answered with something that is not HTTP."),
    SERVICE_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE,
            "service-unavailable",
            "The service is unavailable",
            "The service behind the gateway cannot be reached: try again after the seconds given in Retry-After."),
    GATEWAY_TIMEOUT(
            HttpStatus.GATEWAY_TIMEOUT,
            "gateway-timeout",
            "The service did not answer in time",
            "The service behind the gateway did not answer in time; the request may or may not have taken effect.");

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final String detail;

    ProblemType(HttpStatus status, String slug, String title, String detail) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return "/problems/" + slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The problem for a framework error of this status, or none when the gateway has no problem of that status. */
    static @Nullable ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 500 -> INTERNAL_ERROR;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> null;
        };
    }
}
