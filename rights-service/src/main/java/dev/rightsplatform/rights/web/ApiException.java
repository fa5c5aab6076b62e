package dev.rightsplatform.rights.web;

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

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
