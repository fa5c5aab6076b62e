package dev.rightsplatform.notification.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The service's problem details. A plain HTTP error has the type {@code /problems/http-<status>}, the scheme
 * rights-service uses for errors without a problem of their own; the detail is ours, never the framework's message,
 * which can echo the path or the body.
 */
final class Problems {

    private static final String BASE = "/problems/";

    private Problems() {}

    static ProblemDetail ofStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detailFor(status));
        problem.setType(URI.create(BASE + "http-" + status));
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
            case 500 -> "The service failed to answer; the failure is logged.";
            case 503 -> "The service cannot answer now; try again later.";
            default -> "The request failed with HTTP " + status + ".";
        };
    }
}
