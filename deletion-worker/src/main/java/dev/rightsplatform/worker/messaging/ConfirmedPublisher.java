package dev.rightsplatform.worker.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import dev.rightsplatform.worker.settings.InvalidSettingException;

/**
 * Publishes a message and completes only once RabbitMQ has confirmed it and routed it to at least one queue.
 * Everything the worker acks depends on this: a task is acked only after its result (or its retry copy) has been
 * published through here, so no task is lost between the two.
 */
@Component
public class ConfirmedPublisher {

    private final RabbitTemplate rabbit;

    private final Duration confirmTimeout;

    public ConfirmedPublisher(RabbitTemplate rabbit, MessagingProperties properties) {
        ConnectionFactory connectionFactory = rabbit.getConnectionFactory();
        if (!connectionFactory.isPublisherConfirms()) {
            throw new InvalidSettingException("spring.rabbitmq.publisher-confirm-type",
                    "must be 'correlated': the worker acks a task only after RabbitMQ confirmed its result");
        }
        if (!connectionFactory.isPublisherReturns() || !rabbit.isMandatoryFor(new Message(new byte[0]))) {
            throw new InvalidSettingException("spring.rabbitmq.publisher-returns",
                    "must be true: a result that no queue receives must count as not published");
        }
        this.rabbit = rabbit;
        this.confirmTimeout = properties.confirmTimeout();
    }

    public Mono<Void> publish(String exchange, String routingKey, Message message) {
        // RabbitTemplate.send blocks (e.g. while the broker applies flow control): keep it off event loops.
        return Mono.fromCallable(() -> {
            CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
            this.rabbit.send(exchange, routingKey, message, correlation);
            return correlation;
        })
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(correlation -> Mono.fromFuture(correlation.getFuture())
                // Confirms complete on the AMQP connection's I/O thread; never carry on (and maybe block) there.
                .publishOn(Schedulers.boundedElastic())
                .timeout(this.confirmTimeout)
                .onErrorMap(TimeoutException.class, ex -> new PublishFailedException("no publisher confirm within "
                        + this.confirmTimeout + " for " + describe(exchange, routingKey)))
                .flatMap(confirm -> {
                    ReturnedMessage returned = correlation.getReturned();
                    if (returned != null) {
                        return Mono.error(new PublishFailedException("no queue took the message sent to "
                                + describe(exchange, routingKey) + ": " + returned.getReplyText()));
                    }
                    if (!confirm.ack()) {
                        return Mono.error(new PublishFailedException("RabbitMQ refused the message sent to "
                                + describe(exchange, routingKey) + ": " + confirm.reason()));
                    }
                    return Mono.<Void>empty();
                }));
    }

    private static String describe(String exchange, String routingKey) {
        return (exchange.isEmpty() ? "queue " : "exchange " + exchange + " with key ") + routingKey;
    }
}
