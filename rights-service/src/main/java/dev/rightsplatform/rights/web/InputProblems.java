package dev.rightsplatform.rights.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The problem for a request the framework could not read: which field, parameter or header, and what kind of fault,
 * never the value sent. A body that is not JSON of the expected shape is {@code malformed-request}; a well-formed
 * value that breaks a rule (control characters, a bad query value) is {@code invalid-request}.
 */
final class InputProblems {

    /** Field names come from the caller too: only plain ones are named back. */
    private static final Pattern PLAIN_PATH = Pattern.compile("^[A-Za-z0-9_\\-.\\[\\]]{1,100}$");

    private InputProblems() {}

    static ProblemDetail of(ServerWebInputException e) {
        var json = causeOf(e, JacksonException.class);
        if (json instanceof TextDeserializer.RefusedText refused) {
            return withError(
                    Problems.of(ProblemType.INVALID_REQUEST, "A text field holds characters it may not."),
                    fieldOf(refused),
                    refused.refusal());
        }
        var parameter = e.getMethodParameter();
        if (json != null || parameter == null || parameter.hasParameterAnnotation(RequestBody.class)) {
            var problem = Problems.of(
                    ProblemType.MALFORMED_REQUEST,
                    "The request body is missing or not well-formed: check the JSON syntax, the field names and types.");
            return json == null ? problem : withError(problem, fieldOf(json), faultOf(json));
        }
        var name = nameOf(parameter);
        return withError(
                Problems.of(ProblemType.INVALID_REQUEST, name + " has the wrong type or format."),
                name,
                "has the wrong type or format");
    }

    /** A missing parameter or header, named. */
    static ProblemDetail missing(String name) {
        return withError(Problems.of(ProblemType.INVALID_REQUEST, name + " is required."), name, "is required");
    }

    /** The path to the field Jackson failed on ({@code subject.ids[0]}), or null when unknown or not plain. */
    static @Nullable String fieldOf(JacksonException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (path.isEmpty() && isDuplicateKey(e) && e.processor() instanceof JsonParser parser) {
            // the parser stopped on the repeated name before any deserializer could add it to the path
            path.append(parser.currentName());
        }
        return PLAIN_PATH.matcher(path).matches() ? path.toString() : null;
    }

    static String faultOf(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (isDuplicateKey(e)) {
            return "appears more than once";
        }
        if (e instanceof MismatchedInputException) {
            return "has the wrong type or value";
        }
        return "is not well-formed JSON";
    }

    /** Jackson says so only in words (StreamReadFeature.STRICT_DUPLICATE_DETECTION). */
    private static boolean isDuplicateKey(JacksonException e) {
        var message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate Object property");
    }

    private static String nameOf(MethodParameter parameter) {
        var param = parameter.getParameterAnnotation(RequestParam.class);
        var path = parameter.getParameterAnnotation(PathVariable.class);
        var header = parameter.getParameterAnnotation(RequestHeader.class);
        var declared = param != null ? param.name() : path != null ? path.name() : header != null ? header.name() : "";
        return declared.isEmpty() ? String.valueOf(parameter.getParameterName()) : declared;
    }

    static ProblemDetail withError(ProblemDetail problem, @Nullable String field, String message) {
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        }
        return problem;
    }

    static <T extends Throwable> @Nullable T causeOf(Throwable e, Class<T> type) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
