package dev.rightsplatform.worker.task;

import dev.rightsplatform.worker.messaging.ConfirmedPublisher;
import dev.rightsplatform.worker.messaging.Topology;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Moves a message the worker cannot read to the parked queue, with the reason in a header, for a person to look
 * at. Retrying would never help, and dropping it would lose a task.
 */
@Component
class TaskParking {

    static final String REASON_HEADER = "x-rights-parked-reason";

    private final ConfirmedPublisher publisher;

    TaskParking(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    Mono<Void> park(Message message, String reason) {
        message.getMessageProperties().setHeader(REASON_HEADER, reason);
        return this.publisher.publish(Topology.DEFAULT_EXCHANGE, Topology.PARKED_QUEUE, message);
    }
}
