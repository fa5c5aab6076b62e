package dev.rightsplatform.rights.request;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whose law applies to a request: the jurisdiction the request names, else the one in the person's profile
 * (token claim {@code jurisdiction}), else the operator's default. Whether a code is known is the deadline engine's
 * call.
 */
@Component
class Jurisdictions {

    /** An ISO 3166-1 alpha-2 code, optionally with an ISO 3166-2 subdivision. */
    static final String CODE = "^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$";

    private final String operatorDefault;

    Jurisdictions(@Value("${rights.default-jurisdiction}") @Nullable String operatorDefault) {
        if (operatorDefault == null || !operatorDefault.matches(CODE)) {
            throw new IllegalStateException(
                    "rights.default-jurisdiction must be an ISO 3166 code, got " + operatorDefault);
        }
        this.operatorDefault = normalise(operatorDefault);
    }

    String resolve(@Nullable String requested, @Nullable String claimed) {
        if (requested != null) {
            return normalise(requested);
        }
        if (claimed != null && claimed.matches(CODE)) {
            return normalise(claimed);
        }
        return operatorDefault;
    }

    private static String normalise(String code) {
        return code.toUpperCase(Locale.ROOT);
    }
}
