package dev.rightsplatform.worker.messaging;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's RabbitTemplate: Boot's settings, plus mandatory publishing so unroutable messages come back, and a
 * connection of its own for publishing. RabbitMQ blocks publishing connections under a resource alarm; on their own
 * connection the consumers (and their acks) go on, and confirms are handled on a thread no consumer uses.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    @Bean
    RabbitTemplate rabbitTemplate(RabbitTemplateConfigurer configurer, ConnectionFactory connectionFactory) {
        RabbitTemplate template = new RabbitTemplate();
        configurer.configure(template, connectionFactory);
        template.setMandatory(true);
        template.setUsePublisherConnection(true);
        return template;
    }
}
