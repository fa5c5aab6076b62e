package dev.rightsplatform.worker.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the worker's problem details: the one place where their shape is decided. */
public final class Problems {

    private Problems() {}

    /** A problem of the type, as the whole answer. */
    public static ResponseEntity<Object> answer(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return ResponseEntity.status(type.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * A plain HTTP error. The detail is ours, never the framework's message, which can echo the path or the body
     * (and with them ids or personal data).
     */
    static ProblemDetail ofStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detailFor(status));
        problem.setType(ProblemType.forStatus(status));
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        return problem;
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request could not be read.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take this method; the Allow header lists those it takes.";
            case 406 -> "No answer of an acceptable media type can be given here.";
            case 413 -> "The request body is too large.";
            case 415 -> "This path does not take a body of this media type.";
            case 500 -> "The worker failed to answer; the failure is logged.";
            case 503 -> "The worker cannot answer now; try again later.";
            default -> "The request failed with HTTP " + status + ".";
        };
    }
}
