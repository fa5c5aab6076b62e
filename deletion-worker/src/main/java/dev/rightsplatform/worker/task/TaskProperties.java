package dev.rightsplatform.worker.task;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker consumes tasks, {@code worker.tasks.*}. How many tasks of one system run at once is that
 * system's concurrency in the registry.
 *
 * @param lease how long a worker holds a task it is calling a system for; another delivery of the task waits
 * until then. Must outlast the longest system timeout.
 * @param requeueDelay how long to wait before handing a task back to RabbitMQ when the database or RabbitMQ
 * itself failed, so an outage does not turn into a redelivery loop
 * @param shutdownTimeout how long shutdown waits for running tasks to finish before leaving them to redelivery
 */
@ConfigurationProperties("worker.tasks")
public record TaskProperties(
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5s") Duration requeueDelay,
        @DefaultValue("30s") Duration shutdownTimeout) {

    public TaskProperties {
        if (lease.isNegative() || lease.isZero()) {
            throw new InvalidSettingException("worker.tasks.lease", "must be positive");
        }
        if (requeueDelay.isNegative()) {
            throw new InvalidSettingException("worker.tasks.requeue-delay", "must not be negative");
        }
        if (shutdownTimeout.isNegative()) {
            throw new InvalidSettingException("worker.tasks.shutdown-timeout", "must not be negative");
        }
    }
}
