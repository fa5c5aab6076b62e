package dev.rightsplatform.rights.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every problem rights-service answers with, each with a stable {@code type} URI (RFC 9457). Titles and details never
 * carry personal data or echo the caller's input.
 */
public enum ProblemType {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed-request", "The request could not be read"),
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "A valid bearer token is required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this"),
    REQUEST_NOT_FOUND(HttpStatus.NOT_FOUND, "request-not-found", "No such request"),
    PARTNER_LINK_NOT_FOUND(HttpStatus.NOT_FOUND, "partner-link-not-found", "You have no link with this partner"),
    DUPLICATE_REQUEST(HttpStatus.CONFLICT, "duplicate-request", "You already have an open request of this type"),
    ILLEGAL_TRANSITION(HttpStatus.CONFLICT, "illegal-transition", "The request's state does not allow this"),
    IDEMPOTENCY_KEY_REUSED(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "idempotency-key-reused",
            "This Idempotency-Key was used for a different request"),
    WRONG_CODE(HttpStatus.UNPROCESSABLE_CONTENT, "wrong-code", "The code is not the one we sent"),
    CODE_EXPIRED(HttpStatus.GONE, "code-expired", "The code has expired; ask for a new one"),
    TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts; try again later"),
    ACCOUNT_REQUIRED(
            HttpStatus.BAD_REQUEST,
            "account-required",
            "A request verified by e-mail needs the matching account id to be approved"),
    REQUEST_TYPE_UNAVAILABLE(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "request-type-unavailable",
            "This type of request cannot be submitted yet"),
    UNKNOWN_JURISDICTION(
            HttpStatus.BAD_REQUEST, "unknown-jurisdiction", "No deadline rules are known for this jurisdiction"),
    NO_DEADLINE_POLICY(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "no-deadline-policy",
            "No deadline rule covers this type of request in this jurisdiction"),
    EXTENSION_NOT_ALLOWED(
            HttpStatus.UNPROCESSABLE_CONTENT, "extension-not-allowed", "The rule for this request allows no extension"),
    CLOCK_PAUSE_NOT_ALLOWED(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "clock-pause-not-allowed",
            "The rule for this request does not let the clock stop"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body is too large"),
    UNKNOWN_TASK(HttpStatus.NOT_FOUND, "unknown-task", "No such task"),
    TASK_SETTLED(HttpStatus.CONFLICT, "task-settled", "The task already has its answer or is not out for work"),
    INVALID_COLLECTION(HttpStatus.BAD_REQUEST, "invalid-collection", "The collected data is not a valid part document"),
    DATA_NOT_READY(HttpStatus.CONFLICT, "data-not-ready", "The data is not ready yet"),
    DATA_EXPIRED(HttpStatus.GONE, "data-expired", "The data is no longer kept; submit a new request"),
    LINK_NOT_FOUND(HttpStatus.NOT_FOUND, "link-not-found", "No such download link"),
    LINK_EXPIRED(HttpStatus.GONE, "link-expired", "The download link has expired; ask for a new one"),
    RECEIPT_NOT_READY(HttpStatus.CONFLICT, "receipt-not-ready", "The receipt is issued once the request is completed"),
    RECEIPT_NOT_FOUND(HttpStatus.NOT_FOUND, "receipt-not-found", "No such receipt"),
    USE_CONSENT_API(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "use-consent-api",
            "Consent is withdrawn through the consent API, which records it in the ledger first"),
    OUTBOX_MESSAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "outbox-message-not-found", "No such outbox message"),
    OUTBOX_MESSAGE_NOT_FAILED(
            HttpStatus.CONFLICT, "outbox-message-not-failed", "Only a failed outbox message can be resubmitted"),
    /** Assignment: the request is held by another agent (take it only once they release it, or assign it). */
    ALREADY_ASSIGNED(HttpStatus.CONFLICT, "already-assigned", "Another agent holds this request"),
    /** Assignment: the request is closed; nobody needs to hold it. */
    REQUEST_CLOSED(HttpStatus.CONFLICT, "request-closed", "The request is closed"),
    /** An agent named an account that is not there (or, for an assignment, is no agent). */
    ACCOUNT_NOT_FOUND(HttpStatus.UNPROCESSABLE_CONTENT, "account-not-found", "No such account"),
    /** Keycloak's admin API (the account directory) is not configured or did not answer. */
    DIRECTORY_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE, "directory-unavailable", "The account directory cannot be reached"),
    PURPOSE_NOT_FOUND(HttpStatus.NOT_FOUND, "purpose-not-found", "No such consent purpose"),
    UNKNOWN_NOTICE_VERSION(
            HttpStatus.BAD_REQUEST, "unknown-notice-version", "The purpose has no notice of this version"),
    /** Spring Security's firewall refused the URL or a header (encoded dots or slashes, ';', control characters). */
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST, "request-rejected", "The request was refused before it reached the API"),
    /** The database cannot be reached (answered with Retry-After; readiness is DOWN meanwhile). */
    SERVICE_UNAVAILABLE(
            HttpStatus.SERVICE_UNAVAILABLE,
            "service-unavailable",
            "The service cannot work right now; try again later"),
    /** Anything unforeseen: logged with its stack trace, answered without a word of it. */
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Something went wrong on our side");

    private static final String BASE = "/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;

    ProblemType(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The last segment of {@link #uri()}, e.g. {@code illegal-transition}: a stable code for per-item results. */
    public String slug() {
        return slug;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The type for a plain HTTP error that has no problem of its own (405, 406, 415, 404 for an unknown path...). */
    public static URI forStatus(int status) {
        return URI.create(BASE + "http-" + status);
    }
}
