package dev.rightsplatform.worker.retry;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.rightsplatform.worker.messaging.Topology;

/** Declares one delay queue per backoff step; each dead-letters expired copies back to the tasks queue. */
@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

    @Bean
    Backoff backoff(RetryProperties properties) {
        return new Backoff(properties);
    }

    @Bean
    Declarables retryQueues(Backoff backoff) {
        List<Declarable> queues = new ArrayList<>();
        backoff.distinctDelays()
            .forEach(delay -> queues.add(Topology.quorumQueue(Backoff.queueFor(delay), Topology.TASKS_QUEUE)
                .ttl((int) delay.toMillis())
                .build()));
        return new Declarables(queues);
    }
}
