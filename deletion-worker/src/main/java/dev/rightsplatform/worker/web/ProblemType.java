package dev.rightsplatform.worker.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every problem the worker answers with, each with a stable {@code type} URI: {@code /problems/<slug>}, and
 * {@code /problems/http-<status>} for a plain HTTP error that has no problem of its own (the scheme rights-service
 * uses). Titles and details never carry personal data or echo the caller's input.
 */
public enum ProblemType {
    CALLBACK_UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "callback-unauthenticated", "The callback is not authentic"),
    CALLBACK_UNREADABLE(HttpStatus.BAD_REQUEST, "callback-unreadable", "The callback could not be read"),
    UNKNOWN_CALLBACK(HttpStatus.NOT_FOUND, "unknown-callback", "No system takes callbacks here"),
    UNKNOWN_TASK(HttpStatus.NOT_FOUND, "unknown-task", "No such task"),
    CALLBACK_NOT_RECORDED(
            HttpStatus.SERVICE_UNAVAILABLE, "callback-not-recorded", "The callback could not be recorded");

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
        return this.status;
    }

    public String title() {
        return this.title;
    }

    public URI uri() {
        return URI.create(BASE + this.slug);
    }

    /** The type of a plain HTTP error (404 for an unknown path, 405, 406, 415, 500...). */
    static URI forStatus(int status) {
        return URI.create(BASE + "http-" + status);
    }
}
