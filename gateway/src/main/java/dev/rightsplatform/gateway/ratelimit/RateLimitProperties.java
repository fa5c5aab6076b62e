package dev.rightsplatform.gateway.ratelimit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests each kind of caller may make. Checked at start-up: a missing or impossible limit stops the
 * gateway with the name of the setting. ({@code gateway.rate-limits.enabled=false} turns every limit off, see
 * {@link RateLimitConfiguration}.)
 *
 * @param keyPrefix      prefix of the Redis keys, so that several platforms (or test runs) can share one Redis
 * @param trustedProxies how many proxies in front of the gateway append to {@code X-Forwarded-For}; 0 (the default)
 *                       keys anonymous callers on the connection's own address and ignores the header, which any
 *                       caller can forge
 * @param timeout        how long to wait for Redis before letting the request through uncounted
 * @param partner        a partner app (client credentials token with realm role {@code partner}), per client id
 * @param person         a signed-in person, per subject
 * @param anonymous      a call without a token (the public endpoints), per client address
 */
@ConfigurationProperties("gateway.rate-limits")
record RateLimitProperties(
        @Nullable String keyPrefix,
        int trustedProxies,
        @Nullable Duration timeout,
        Limit partner,
        Limit person,
        Limit anonymous) {

    RateLimitProperties {
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "rate-limit" : keyPrefix;
        timeout = timeout == null ? Duration.ofMillis(500) : timeout;
        if (trustedProxies < 0) {
            throw new IllegalStateException("gateway.rate-limits.trusted-proxies must not be negative");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("gateway.rate-limits.timeout must be positive");
        }
        Limit.check("partner", partner);
        Limit.check("person", person);
        Limit.check("anonymous", anonymous);
    }

    Limit limitFor(Caller.Kind kind) {
        return switch (kind) {
            case PARTNER -> partner;
            case PERSON -> person;
            case ANONYMOUS -> anonymous;
        };
    }

    /**
     * A token bucket: {@code replenishRate} requests per {@code replenishPeriod} on average, and up to
     * {@code burstCapacity} at once after a quiet spell.
     *
     * @param replenishRate   requests added back to the budget every {@code replenishPeriod}
     * @param replenishPeriod whole seconds, 1s by default; e.g. 10 per 1m for the public endpoints that send e-mail
     * @param burstCapacity   the most requests allowed at once (the bucket's size)
     */
    record Limit(int replenishRate, @Nullable Duration replenishPeriod, int burstCapacity) {

        Limit {
            replenishPeriod = replenishPeriod == null ? Duration.ofSeconds(1) : replenishPeriod;
        }

        long periodSeconds() {
            return replenishPeriod().toSeconds();
        }

        private static void check(String name, @Nullable Limit limit) {
            var setting = "gateway.rate-limits." + name;
            if (limit == null) {
                throw new IllegalStateException(setting + " must be set (replenish-rate, burst-capacity)");
            }
            if (limit.replenishRate() < 1 || limit.burstCapacity() < 1) {
                throw new IllegalStateException(setting + ": replenish-rate and burst-capacity must be at least 1");
            }
            var period = limit.replenishPeriod();
            if (period == null || period.toMillis() < 1000 || period.toMillis() % 1000 != 0) {
                throw new IllegalStateException(setting + ".replenish-period must be a whole number of seconds");
            }
            // The counting script keeps a bucket for twice the time it takes to fill; under one second it would
            // keep nothing and limit nothing.
            if ((long) limit.burstCapacity() * limit.periodSeconds() < limit.replenishRate()) {
                throw new IllegalStateException(setting + ": burst-capacity must hold at least one second's requests");
            }
        }
    }
}
