package dev.rightsplatform.rights.request;

import java.util.UUID;

/** A lifecycle step that the request's current state does not allow. */
public class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(UUID requestId, RequestStatus from, String step) {
        super("request " + requestId + " cannot " + step + " while " + from);
    }
}
