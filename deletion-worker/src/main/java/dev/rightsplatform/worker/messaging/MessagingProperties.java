package dev.rightsplatform.worker.messaging;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publishing settings, {@code worker.messaging.*}.
 *
 * @param confirmTimeout how long to wait for RabbitMQ to confirm a publish before treating it as failed
 */
@ConfigurationProperties("worker.messaging")
public record MessagingProperties(@DefaultValue("10s") Duration confirmTimeout) {

    public MessagingProperties {
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new InvalidSettingException("worker.messaging.confirm-timeout", "must be positive");
        }
    }
}
