package dev.rightsplatform.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * One token bucket per caller in Redis, counted by Spring Cloud Gateway's own Lua script (Stripe's algorithm, atomic
 * in Redis), so that every gateway replica draws on the same budget. The script refills whole tokens per second of
 * Redis' clock; a limit per minute or hour is expressed by making one request cost {@code period} seconds' tokens.
 *
 * <p>When Redis does not answer in time the request goes through uncounted (fail open): a rate limit protects the
 * platform from abuse, and losing it for a while is better than refusing every caller. A warning is logged (at most
 * once a minute) so that the outage is seen.
 */
final class TokenBuckets {

    /** The verdict for one request; {@code retryAfterSeconds} is only meaningful when refused. */
    record Decision(boolean allowed, boolean counted, long remaining, long retryAfterSeconds) {

        static Decision uncounted() {
            return new Decision(true, false, -1, 0);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);
    private static final long WARN_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final RedisScript<List<Long>> SCRIPT = script();

    private final ReactiveStringRedisTemplate redis;
    private final String keyPrefix;
    private final Duration timeout;
    private final Supplier<String> now;
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);

    TokenBuckets(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeout) {
        this(redis, keyPrefix, timeout, () -> ""); // empty: the script reads Redis' own clock
    }

    /** With {@code now} giving the time in epoch seconds, for tests that must not wait for the clock. */
    TokenBuckets(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeout, Supplier<String> now) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        this.now = now;
    }

    /** Takes one request's tokens from the caller's bucket if there are enough. */
    Mono<Decision> take(Caller caller, RateLimitProperties.Limit limit) {
        var cost = limit.periodSeconds();
        var capacity = limit.burstCapacity() * cost;
        var args = List.of(
                String.valueOf(limit.replenishRate()), String.valueOf(capacity), now.get(), String.valueOf(cost));
        return redis.execute(SCRIPT, keys(caller), args)
                .flatMapIterable(results -> results)
                .collectList()
                .timeout(timeout)
                .map(results -> decide(results, limit))
                .onErrorResume(e -> {
                    warnThrottled(e);
                    return Mono.just(Decision.uncounted());
                });
    }

    /** The keys of the caller's bucket; the braces keep both in one Redis Cluster slot. */
    List<String> keys(Caller caller) {
        var bucket = keyPrefix + ".{" + caller.kind().name().toLowerCase(Locale.ROOT) + ":" + caller.id() + "}.";
        return List.of(bucket + "tokens", bucket + "timestamp");
    }

    private static Decision decide(List<Long> results, RateLimitProperties.Limit limit) {
        if (results.size() < 2) {
            throw new IllegalStateException("the rate limit script answered " + results.size() + " values, not 2");
        }
        var allowed = results.get(0) == 1L;
        var tokensLeft = results.get(1);
        var cost = limit.periodSeconds();
        if (allowed) {
            return new Decision(true, true, tokensLeft / cost, 0);
        }
        // Tokens come back replenishRate per second of Redis' clock: this many seconds always refill the cost.
        var missing = cost - tokensLeft;
        var seconds = (missing + limit.replenishRate() - 1) / limit.replenishRate();
        return new Decision(false, true, 0, Math.max(1, seconds));
    }

    private void warnThrottled(Throwable e) {
        var now = System.currentTimeMillis();
        var last = lastWarning.get();
        if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            log.warn(
                    "Rate limits not enforced: Redis did not answer ({}); requests pass uncounted until it does",
                    e.toString());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisScript<List<Long>> script() {
        // The script ships inside spring-cloud-gateway-server-webflux, next to its own RedisRateLimiter.
        var script = new DefaultRedisScript();
        script.setLocation(new ClassPathResource("META-INF/scripts/request_rate_limiter.lua"));
        script.setResultType(List.class);
        return (RedisScript<List<Long>>) script;
    }
}
