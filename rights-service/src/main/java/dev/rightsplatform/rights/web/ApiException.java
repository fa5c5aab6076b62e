package dev.rightsplatform.rights.web;

import java.util.List;
import java.util.Map;

/**
 * A failure the caller should hear about as a problem of {@link ProblemType}. {@code properties} become extension
 * members of the problem (for example the id of the open request a duplicate points at); never personal data.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final Map<String, Object> properties;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ApiException(ProblemType type, String detail, Map<String, Object> properties) {
        super(detail);
        this.type = type;
        this.properties = properties;
    }

    /**
     * A 400 {@code invalid-request} naming the field (body field, query parameter or header) and what is wrong with
     * it, as {@code errors: [{field, message}]} like a failed Bean Validation.
     */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(
                ProblemType.INVALID_REQUEST,
                field + " " + message + ".",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
