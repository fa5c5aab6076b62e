package dev.rightsplatform.worker.messaging;

/** A publish that RabbitMQ did not confirm, or could not route: the message being handled must not be acked. */
public class PublishFailedException extends RuntimeException {

    PublishFailedException(String message) {
        super(message, null, false, false);
    }
}
