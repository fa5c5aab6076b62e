package dev.rightsplatform.rights.opendsr;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error answered in OpenDSR's shape ({@code {"error":{"code","message","errors":[{domain,reason,message}]}}}),
 * which is also an RFC 9457 problem (type, title, status, detail) so that every client of the platform reads it the
 * same way. Messages name fields, never their values: identity values must not be echoed.
 */
final class OpenDsrError extends RuntimeException {

    static final String DOMAIN = "opendsr";

    private final HttpStatus status;
    private final String problemSlug;
    private final List<Item> errors;

    OpenDsrError(HttpStatus status, String problemSlug, String message, List<Item> errors) {
        super(message, null, false, false);
        this.status = status;
        this.problemSlug = problemSlug;
        this.errors = List.copyOf(errors);
    }

    static OpenDsrError invalid(List<Item> errors) {
        return new OpenDsrError(
                HttpStatus.BAD_REQUEST, "opendsr-invalid-request", "The request is not valid OpenDSR 2.0.", errors);
    }

    static OpenDsrError notFound() {
        return new OpenDsrError(
                HttpStatus.NOT_FOUND,
                "opendsr-not-found",
                "No such request.",
                List.of(new Item("not_found", "No request with this subject_request_id is yours.")));
    }

    static OpenDsrError conflict(String reason, String message) {
        return new OpenDsrError(HttpStatus.CONFLICT, "opendsr-conflict", message, List.of(new Item(reason, message)));
    }

    HttpStatus status() {
        return status;
    }

    String problemSlug() {
        return problemSlug;
    }

    List<Item> errors() {
        return errors;
    }

    /** One finding: {@code reason} a stable code, {@code message} for people; the domain is always "opendsr". */
    record Item(String reason, String message) {}
}
