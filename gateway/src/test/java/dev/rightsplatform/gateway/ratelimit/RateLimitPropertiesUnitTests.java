package dev.rightsplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Impossible limits stop the gateway at start-up and name the setting. */
class RateLimitPropertiesUnitTests {

    static final RateLimitProperties.Limit SOME = new RateLimitProperties.Limit(5, null, 10);

    @Test
    void defaultsFillTheOptionalSettings() {
        var properties = new RateLimitProperties(null, 0, null, SOME, SOME, SOME);
        assertThat(properties.keyPrefix()).isEqualTo("rate-limit");
        assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(properties.person().replenishPeriod()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMissingLimitIsNamed() {
        assertThatThrownBy(() -> new RateLimitProperties(null, 0, null, SOME, null, SOME))
                .hasMessageContaining("gateway.rate-limits.person must be set");
    }

    @Test
    void aPeriodOfPartSecondsIsRefused() {
        var odd = new RateLimitProperties.Limit(1, Duration.ofMillis(1500), 1);
        assertThatThrownBy(() -> new RateLimitProperties(null, 0, null, odd, SOME, SOME))
                .hasMessageContaining("gateway.rate-limits.partner.replenish-period");
    }

    @Test
    void aBucketSmallerThanOneSecondsRefillIsRefused() {
        var tiny = new RateLimitProperties.Limit(10, Duration.ofSeconds(1), 5);
        assertThatThrownBy(() -> new RateLimitProperties(null, 0, null, SOME, SOME, tiny))
                .hasMessageContaining("gateway.rate-limits.anonymous: burst-capacity");
    }

    @Test
    void zeroOrNegativeNumbersAreRefused() {
        assertThatThrownBy(() -> new RateLimitProperties(null, -1, null, SOME, SOME, SOME))
                .hasMessageContaining("trusted-proxies");
        var none = new RateLimitProperties.Limit(0, null, 1);
        assertThatThrownBy(() -> new RateLimitProperties(null, 0, null, SOME, none, SOME))
                .hasMessageContaining("gateway.rate-limits.person");
    }
}
