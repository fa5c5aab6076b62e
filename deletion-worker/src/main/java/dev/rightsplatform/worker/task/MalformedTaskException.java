package dev.rightsplatform.worker.task;

/** A delivered message that is not a TaskCommand the worker can carry out; it gets parked, never retried. */
class MalformedTaskException extends RuntimeException {

    MalformedTaskException(String reason) {
        super(reason, null, false, false); // no stack trace: this is an expected outcome, reported once
    }
}
