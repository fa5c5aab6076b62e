package dev.rightsplatform.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter, the delay queues it implies, and the checks on its settings. */
class BackoffUnitTests {

    private final Backoff backoff =
            new Backoff(new RetryProperties(Duration.ofSeconds(10), 3, Duration.ofMinutes(10), 6, 0.2));

    @Test
    void delaysGrowByTheMultiplierUpToTheMaximum() {
        assertThat(this.backoff.nominalDelay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(this.backoff.nominalDelay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(this.backoff.nominalDelay(3)).isEqualTo(Duration.ofSeconds(90));
        assertThat(this.backoff.nominalDelay(4)).isEqualTo(Duration.ofSeconds(270));
        assertThat(this.backoff.nominalDelay(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(this.backoff.nominalDelay(50)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterOnlyShortensADelayAndByAtMostItsFraction() {
        Duration nominal = Duration.ofSeconds(10);
        assertThat(this.backoff.jittered(nominal, 0.0)).isEqualTo(nominal);
        assertThat(this.backoff.jittered(nominal, 0.5)).isEqualTo(Duration.ofSeconds(9));
        assertThat(this.backoff.jittered(nominal, 0.999999))
                .isGreaterThan(Duration.ofSeconds(8))
                .isLessThan(nominal);
    }

    @Test
    void withoutJitterEveryDelayIsTheNominalOne() {
        Backoff exact = new Backoff(new RetryProperties(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 3, 0));
        assertThat(exact.jittered(Duration.ofSeconds(4), 0.9)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void oneDelayQueuePerSystemAndDistinctDelayNamedByItsDelay() {
        assertThat(this.backoff.distinctDelays())
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(90),
                        Duration.ofSeconds(270),
                        Duration.ofMinutes(10));
        assertThat(Backoff.queueFor("crm", Duration.ofSeconds(30)))
                .isEqualTo("deletion-worker.tasks.crm.retry.30000ms");
    }

    @Test
    void aSingleAttemptStillHasAQueueForDeferredCopies() {
        Backoff once = new Backoff(new RetryProperties(Duration.ofSeconds(5), 2, Duration.ofMinutes(1), 1, 0.1));
        assertThat(once.distinctDelays()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void largeMultipliersDoNotOverflow() {
        Backoff steep = new Backoff(new RetryProperties(Duration.ofSeconds(1), 100, Duration.ofDays(1), 50, 0));
        assertThat(steep.nominalDelay(50)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> new RetryProperties(Duration.ZERO, 2, Duration.ofMinutes(1), 3, 0.2))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("worker.retry.initial-delay");
        assertThatThrownBy(() -> new RetryProperties(Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1), 3, 0.2))
                .hasMessageContaining("worker.retry.multiplier");
        assertThatThrownBy(() -> new RetryProperties(Duration.ofSeconds(10), 2, Duration.ofSeconds(1), 3, 0.2))
                .hasMessageContaining("worker.retry.max-delay");
        assertThatThrownBy(() -> new RetryProperties(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 0, 0.2))
                .hasMessageContaining("worker.retry.max-attempts");
        assertThatThrownBy(() -> new RetryProperties(Duration.ofSeconds(1), 2, Duration.ofMinutes(1), 3, 1.0))
                .hasMessageContaining("worker.retry.jitter");
    }
}
