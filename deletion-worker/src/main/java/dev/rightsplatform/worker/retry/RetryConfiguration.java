package dev.rightsplatform.worker.retry;

import dev.rightsplatform.worker.connector.ConnectedSystem;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.messaging.Topology;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares each system's delay queues: one per backoff step, and one for status checks when its connector asks
 * systems for the status. Each dead-letters expired copies back to that system's own task queue, so a retry never
 * waits behind another system's tasks.
 */
@Configuration(proxyBeanMethods = false)
class RetryConfiguration {

    @Bean
    Backoff backoff(RetryProperties properties) {
        return new Backoff(properties);
    }

    @Bean
    Declarables retryQueues(Backoff backoff, Connectors connectors) {
        List<Declarable> queues = new ArrayList<>();
        for (ConnectedSystem system : connectors.systems()) {
            String home = Topology.tasksQueue(system.id());
            backoff.distinctDelays()
                    .forEach(delay -> queues.add(Topology.quorumQueue(Backoff.queueFor(system.id(), delay), home)
                            .ttl((int) delay.toMillis())
                            .build()));
            system.connector()
                    .statusInterval()
                    .ifPresent(interval ->
                            queues.add(Topology.quorumQueue(Topology.checkQueue(system.id(), interval), home)
                                    .ttl((int) interval.toMillis())
                                    .build()));
        }
        return new Declarables(queues);
    }
}
