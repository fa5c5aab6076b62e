package dev.rightsplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The buckets themselves against the machine's real Redis: the Retry-After they promise, expiry, Redis down. */
class TokenBucketsIntegrationTests {

    static final String PREFIX = TestRedis.uniquePrefix();
    static final TestRedis redis = new TestRedis();
    final TokenBuckets buckets = new TokenBuckets(redis.template, PREFIX, Duration.ofSeconds(2));

    @AfterAll
    static void cleanUp() {
        try (redis) {
            redis.deleteKeys(PREFIX);
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 2, 1", "10, 60, 1", "3, 3600, 2"})
    void retryAfterIsExactlyTheWaitUntilTheNextCallFits(int rate, long periodSeconds, int burst) {
        var clock = new AtomicLong(1_800_000_000L);
        var timed = new TokenBuckets(redis.template, PREFIX, Duration.ofSeconds(2), () -> String.valueOf(clock.get()));
        var limit = new RateLimitProperties.Limit(rate, Duration.ofSeconds(periodSeconds), burst);
        var caller = new Caller(Caller.Kind.PERSON, "patient-" + rate + "-" + periodSeconds);
        for (int i = 0; i < burst; i++) {
            assertThat(timed.take(caller, limit).block().allowed()).isTrue();
        }

        var refused = timed.take(caller, limit).block();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo((periodSeconds + rate - 1) / rate);

        // a second early is still too early (refused calls cost nothing); on time, the call fits
        clock.addAndGet(refused.retryAfterSeconds() - 1);
        assertThat(timed.take(caller, limit).block().allowed()).isFalse();
        clock.incrementAndGet();
        assertThat(timed.take(caller, limit).block().allowed()).isTrue();
    }

    @Test
    void redisOwnClockRefillsTheBucket() {
        var limit = new RateLimitProperties.Limit(1, Duration.ofSeconds(1), 1);
        var caller = new Caller(Caller.Kind.PERSON, "real-clock");
        assertThat(buckets.take(caller, limit).block().allowed()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> buckets.take(caller, limit).block().allowed());
    }

    @Test
    void aPerMinuteLimitAsksForTheWaitOfOneRequest() {
        var limit = new RateLimitProperties.Limit(10, Duration.ofMinutes(1), 1);
        var caller = new Caller(Caller.Kind.ANONYMOUS, "192.0.2.7");
        assertThat(buckets.take(caller, limit).block().allowed()).isTrue();

        var refused = buckets.take(caller, limit).block();
        assertThat(refused.allowed()).isFalse();
        // 10 a minute: one request's worth comes back every 6 s (5 if Redis' clock ticked over in between)
        assertThat(refused.retryAfterSeconds()).isBetween(5L, 6L);
        assertThat(refused.remaining()).isZero();
    }

    @Test
    void aBucketExpiresOnceItWouldBeFullAgain() {
        var limit = new RateLimitProperties.Limit(5, Duration.ofSeconds(1), 20);
        var caller = new Caller(Caller.Kind.PARTNER, "expiring-client");
        var decision = buckets.take(caller, limit).block();
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(19);

        for (var key : buckets.keys(caller)) {
            assertThat(key).startsWith(PREFIX + ".{partner:expiring-client}.");
            // 20 requests at 5 a second fill in 4 s; the script keeps a bucket for twice that
            assertThat(redis.template.getExpire(key).block()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(8));
        }
    }

    @Test
    void withoutRedisEveryRequestPassesUncounted() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var nowhere = new TestRedis(closedPort)) {
            var blind = new TokenBuckets(nowhere.template, PREFIX, Duration.ofMillis(500));
            var limit = new RateLimitProperties.Limit(1, Duration.ofHours(1), 1);
            var caller = new Caller(Caller.Kind.PERSON, "during-an-outage");
            for (int i = 0; i < 3; i++) {
                var decision = blind.take(caller, limit).block(Duration.ofSeconds(5));
                assertThat(decision.allowed()).isTrue();
                assertThat(decision.counted()).isFalse();
            }
        }
    }
}
