package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.util.UUID;

/**
 * A lifecycle step that the request's current state does not allow: a {@code 409 illegal-transition} problem for an
 * API caller (an {@link ApiException}, so the web package needs to know nothing of requests).
 */
public class IllegalTransitionException extends ApiException {

    public IllegalTransitionException(UUID requestId, RequestStatus from, String step) {
        super(ProblemType.ILLEGAL_TRANSITION, "request " + requestId + " cannot " + step + " while " + from);
    }
}
