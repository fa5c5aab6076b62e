package dev.rightsplatform.rights.lifecycle;

import java.util.UUID;

/** A result names a task this service never dispatched: it is parked for a person to look at, not retried. */
class UnknownTaskException extends RuntimeException {

    UnknownTaskException(UUID taskId) {
        super("no task " + taskId);
    }
}
