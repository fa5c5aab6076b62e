package dev.rightsplatform.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry schedule: one attempt plus one retry per delay, the last delay repeating. */
class DeliverySettingsUnitTests {

    private final DeliverySettings settings = new DeliverySettings(
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)), Duration.ofMinutes(2));

    @Test
    void attemptsAreOneMoreThanTheDelays() {
        assertThat(settings.maxAttempts()).isEqualTo(4);
    }

    @Test
    void delaysGrowAndTheLastRepeats() {
        assertThat(settings.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.delayBeforeRetry(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.delayBeforeRetry(3)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.delayBeforeRetry(9)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesDelaysThatWouldHotLoopAndNamesTheSetting() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DeliverySettings(List.of(Duration.ZERO), Duration.ofMinutes(2)))
                .withMessageContaining("notification.delivery.retry-delays");
    }
}
