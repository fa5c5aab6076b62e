package dev.rightsplatform.worker.result;

import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.WaitingExecutions;
import dev.rightsplatform.worker.messaging.ConfirmedPublisher;
import dev.rightsplatform.worker.messaging.Topology;
import java.time.Clock;
import java.util.Date;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a task's result to rights.task-results with routing key result.&lt;systemId&gt;, message id
 * &lt;taskId&gt;:result and type TaskResult, persistent, and waits for RabbitMQ's confirm.
 */
@Component
public class ResultPublisher {

    static final String MESSAGE_TYPE = "TaskResult";

    private final ConfirmedPublisher publisher;

    private final JsonMapper json;

    private final Clock clock;

    private final WaitingExecutions waiting;

    public ResultPublisher(ConfirmedPublisher publisher, JsonMapper json, Clock clock, WaitingExecutions waiting) {
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
        this.waiting = waiting;
    }

    /**
     * Publishes the result and, when the ledger tracks it as still to publish (settled outside a delivery), records
     * that it is out, so that the scan does not publish it again.
     */
    public Mono<Void> publishAndRecord(TaskExecution execution) {
        Mono<Void> published = publish(execution);
        return execution.publishPending() ? published.then(this.waiting.markPublished(execution.taskId())) : published;
    }

    public Mono<Void> publish(TaskExecution execution) {
        return Mono.defer(() -> {
            TaskResult result = TaskResult.of(execution);
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setContentEncoding("UTF-8");
            properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            properties.setMessageId(result.taskId() + ":result");
            properties.setCorrelationId(result.taskId().toString());
            properties.setType(MESSAGE_TYPE);
            properties.setAppId("deletion-worker");
            properties.setTimestamp(Date.from(this.clock.instant()));
            Message message = new Message(this.json.writeValueAsBytes(result), properties);
            return this.publisher.publish(Topology.RESULTS_EXCHANGE, "result." + result.systemId(), message);
        });
    }
}
