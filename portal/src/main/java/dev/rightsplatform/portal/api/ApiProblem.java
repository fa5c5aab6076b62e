package dev.rightsplatform.portal.api;

import org.jspecify.annotations.Nullable;

/**
 * rights-service said no (a problem+json). {@code code} is the last segment of its type (e.g. {@code request-not-found},
 * {@code data-not-ready}): pages explain it in the person's language by that code, never by the English detail.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;

    public ApiProblem(int status, String code, @Nullable String detail) {
        super(status + " " + code + (detail == null ? "" : ": " + detail), null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The code from a problem's {@code type} URI: its last path segment. */
    static String codeOf(@Nullable String type, int status) {
        if (type == null || type.isBlank() || "about:blank".equals(type)) {
            return "http-" + status;
        }
        var cut = type.lastIndexOf('/');
        return cut < 0 ? type : type.substring(cut + 1);
    }
}
