package dev.rightsplatform.worker.result;

import dev.rightsplatform.worker.messaging.Topology;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the results exchange the worker publishes to; its consumers declare and bind their own queues. */
@Configuration(proxyBeanMethods = false)
class ResultConfiguration {

    @Bean
    Exchange resultsExchange() {
        return ExchangeBuilder.topicExchange(Topology.RESULTS_EXCHANGE)
                .durable(true)
                .build();
    }
}
