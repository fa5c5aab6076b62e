package dev.rightsplatform.worker.connector;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the worker treats reports that systems post back, {@code worker.callbacks.*}.
 *
 * @param maxAge how old a signed callback's timestamp may be (either way), so a captured one cannot be replayed later
 * @param scanInterval how often the worker looks for waiting tasks past their due time
 * @param maxWait how long a waiting task without a due time may wait
 * @param scanMaxRound the longest one round of that scan may take; past it the round is cancelled and logged as an
 *        error, and the next round starts on the next tick
 */
@ConfigurationProperties("worker.callbacks")
public record CallbackProperties(
        @DefaultValue("5m") Duration maxAge,
        @DefaultValue("1m") Duration scanInterval,
        @DefaultValue("30d") Duration maxWait,
        @DefaultValue("2m") Duration scanMaxRound) {

    public CallbackProperties {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new InvalidSettingException("worker.callbacks.max-age", "must be positive");
        }
        if (scanInterval.toMillis() < 10) {
            throw new InvalidSettingException("worker.callbacks.scan-interval", "must be at least 10ms");
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new InvalidSettingException("worker.callbacks.max-wait", "must be positive");
        }
        if (scanMaxRound.toMillis() < 10) {
            throw new InvalidSettingException("worker.callbacks.scan-max-round", "must be at least 10ms");
        }
    }
}
