package dev.rightsplatform.worker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;

import dev.rightsplatform.worker.support.WorkerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A publish counts only when RabbitMQ confirmed it and a queue took it; anything else is an error. */
class ConfirmedPublisherIntegrationTests extends WorkerIntegrationTest {

    @Autowired
    private ConfirmedPublisher publisher;

    @Test
    void aRoutedMessageIsConfirmed() {
        assertThatCode(() -> publish(Topology.DEFAULT_EXCHANGE, Topology.PARKED_QUEUE)).doesNotThrowAnyException();
    }

    @Test
    void aMessageNoQueueTakesIsAnError() {
        assertThatThrownBy(() -> publish(Topology.RESULTS_EXCHANGE, "nobody.binds.this"))
            .isInstanceOf(PublishFailedException.class)
            .hasMessageContaining("no queue took the message");
    }

    @Test
    void aMessageToAMissingExchangeIsAnError() {
        assertThatThrownBy(() -> publish("deletion-worker.test.no-such-exchange", "x"))
            .isInstanceOf(PublishFailedException.class);
    }

    private void publish(String exchange, String routingKey) {
        Message message = new Message("{}".getBytes(StandardCharsets.UTF_8), new MessageProperties());
        this.publisher.publish(exchange, routingKey, message).block(Duration.ofSeconds(20));
    }
}
