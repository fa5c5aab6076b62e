package dev.rightsplatform.rights.lifecycle;

import dev.rightsplatform.rights.messaging.Messaging;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes task results. A result that cannot be read, or names no known task, is parked (dead-lettered to
 * {@value Messaging#TASK_RESULTS_PARKED_QUEUE}) for a person to look at; a database hiccup is retried with growing
 * delays while the message stays unacknowledged, so nothing is lost if this instance dies meanwhile.
 */
@Component
class TaskResultListener {

    private static final Logger log = LoggerFactory.getLogger(TaskResultListener.class);

    private final RequestLifecycle lifecycle;
    private final JsonMapper json;

    TaskResultListener(RequestLifecycle lifecycle, JsonMapper json) {
        this.lifecycle = lifecycle;
        this.json = json;
    }

    @RabbitListener(queues = Messaging.TASK_RESULTS_QUEUE)
    void onResult(Message message) {
        var messageId = message.getMessageProperties().getMessageId();
        TaskResultMessage result;
        try {
            result = json.readValue(message.getBody(), TaskResultMessage.class);
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("parking unreadable task result, message id {}", messageId);
            throw new AmqpRejectAndDontRequeueException("unreadable task result");
        }
        try {
            lifecycle
                    .handle(result.toCommand())
                    .retryWhen(Retry.backoff(8, Duration.ofMillis(200))
                            .maxBackoff(Duration.ofSeconds(10))
                            .filter(e -> !(e instanceof UnknownTaskException)))
                    // the listener's span (the worker's traceparent) goes into the Reactor context: the outbox rows
                    // the result leads to stay in the request's trace
                    .contextCapture()
                    .block();
        } catch (UnknownTaskException e) {
            log.warn("parking result for unknown task {}", result.taskId());
            throw new AmqpRejectAndDontRequeueException("unknown task");
        }
        log.info("recorded result {} of task {} for system {}", result.outcome(), result.taskId(), result.systemId());
    }
}
