package dev.rightsplatform.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.TestTask;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * A task carrying rights-service's {@code traceparent} is worked in that trace: its result, published later on
 * another thread, carries a {@code traceparent} of the same trace back, so rights-service's handling of it joins in.
 */
class TaskTraceIntegrationTests extends AbstractWorkerIntegrationTests {

    @Test
    void theResultCarriesTheTasksTrace() {
        fakes.system(FakeSystems.FLAKY).replyWith(Reply.status(503));
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parent = HexFormat.of().formatHex(randomBytes(8));
        TestTask task = TestTask.erase("flaky");
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(task.taskId().toString());
        properties.setType("TaskCommand");
        properties.setHeader("traceparent", "00-" + traceId + "-" + parent + "-01");
        this.rabbit.send(
                Topology.TASKS_EXCHANGE,
                task.routingKey(),
                new Message(this.json.writeValueAsBytes(task.json()), properties));

        Message result = this.results.awaitOne(task.taskId());

        assertThat(String.valueOf(result.getMessageProperties().getHeaders().get("traceparent")))
                .as("after a retry through a delay queue, too")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
