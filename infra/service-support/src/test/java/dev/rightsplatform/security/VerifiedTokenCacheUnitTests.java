package dev.rightsplatform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The cache never accepts what the decoder would refuse: only accepted tokens are kept, by their exact text, never
 * past their expiry (even while the cache still holds them) nor past the maximum age; and it is bounded.
 */
class VerifiedTokenCacheUnitTests {

    private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

    private final MovableClock clock = new MovableClock(START);

    private final CountingDecoder decoder = new CountingDecoder(clock);

    @Test
    void aTokenAcceptedOnceIsNotDecodedAgain() {
        var cache = cache(1000, Duration.ofMinutes(5));
        decoder.accept("token-a", "alice", START.plusSeconds(300));

        for (int i = 0; i < 3; i++) {
            assertThat(cache.decode("token-a").block().getSubject()).isEqualTo("alice");
        }

        assertThat(decoder.calls("token-a")).isEqualTo(1);
    }

    @Test
    void eachTokenIsKeptAsItsOwn() {
        var cache = cache(1000, Duration.ofMinutes(5));
        decoder.accept("token-a", "alice", START.plusSeconds(300));
        decoder.accept("token-b", "bob", START.plusSeconds(300));

        assertThat(cache.decode("token-a").block().getSubject()).isEqualTo("alice");
        assertThat(cache.decode("token-b").block().getSubject()).isEqualTo("bob");
        assertThat(cache.decode("token-a").block().getSubject()).isEqualTo("alice");
        assertThat(cache.decode("token-b").block().getSubject()).isEqualTo("bob");
        // a token one character longer is another token
        assertThatThrownBy(() -> cache.decode("token-a ").block()).isInstanceOf(BadJwtException.class);
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        var cache = cache(1000, Duration.ofMinutes(5));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }

        assertThat(decoder.calls("forged")).isEqualTo(3);
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoderEvenWhileTheCacheStillHoldsIt() {
        var ticker = new MovableTicker();
        var cache = new VerifiedTokenCache(decoder, 1000, Duration.ofMinutes(5), clock, ticker);
        decoder.accept("token-a", "alice", START.plusSeconds(60));
        cache.decode("token-a").block();

        clock.advance(Duration.ofSeconds(61)); // the cache's own clock has not moved: it still holds the token

        assertThatThrownBy(() -> cache.decode("token-a").block()).isInstanceOf(JwtValidationException.class);
        assertThat(decoder.calls("token-a")).isEqualTo(2);
    }

    @Test
    void aTokenLeavesTheCacheAtItsExpiry() {
        var ticker = new MovableTicker();
        var cache = new VerifiedTokenCache(decoder, 1000, Duration.ofMinutes(5), clock, ticker);
        decoder.accept("token-a", "alice", START.plusSeconds(60));
        cache.decode("token-a").block();

        clock.advance(Duration.ofSeconds(59));
        ticker.advance(Duration.ofSeconds(59));
        cache.decode("token-a").block();
        assertThat(decoder.calls("token-a")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        ticker.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> cache.decode("token-a").block()).isInstanceOf(JwtValidationException.class);
        assertThat(decoder.calls("token-a")).isEqualTo(2);
    }

    @Test
    void noTokenIsKeptLongerThanTheMaximumAge() {
        var ticker = new MovableTicker();
        var cache = new VerifiedTokenCache(decoder, 1000, Duration.ofMinutes(5), clock, ticker);
        decoder.accept("token-a", "alice", START.plus(Duration.ofHours(1)));
        cache.decode("token-a").block();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        ticker.advance(Duration.ofMinutes(5).plusSeconds(1));
        cache.decode("token-a").block();

        assertThat(decoder.calls("token-a")).isEqualTo(2);
    }

    @Test
    void aTokenExpiringCenturiesFromNowIsKeptForTheMaximumAge() {
        var ticker = new MovableTicker();
        var cache = new VerifiedTokenCache(decoder, 1000, Duration.ofMinutes(5), clock, ticker);
        // further away than nanoseconds in a long reach (292 years): must not fail the call
        decoder.accept("token-a", "alice", START.plus(Duration.ofDays(400 * 365)));

        cache.decode("token-a").block();
        cache.decode("token-a").block();
        assertThat(decoder.calls("token-a")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(6));
        ticker.advance(Duration.ofMinutes(6));
        cache.decode("token-a").block();
        assertThat(decoder.calls("token-a")).isEqualTo(2);
    }

    @Test
    void itHoldsAtMostMaxTokens() {
        var cache = cache(10, Duration.ofMinutes(5));
        for (int i = 0; i < 200; i++) {
            decoder.accept("token-" + i, "person-" + i, START.plusSeconds(300));
            cache.decode("token-" + i).block();
        }

        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    private VerifiedTokenCache cache(int maxTokens, Duration maxAge) {
        return new VerifiedTokenCache(decoder, maxTokens, maxAge, clock, new MovableTicker());
    }

    /** Accepts the tokens it was told about until they expire by the clock, as Spring's decoder does; counts calls. */
    private static final class CountingDecoder implements ReactiveJwtDecoder {

        private final Clock clock;

        private final Map<String, Jwt> known = new HashMap<>();

        private final Map<String, AtomicInteger> calls = new HashMap<>();

        CountingDecoder(Clock clock) {
            this.clock = clock;
        }

        void accept(String token, String subject, Instant expiresAt) {
            known.put(
                    token,
                    Jwt.withTokenValue(token)
                            .header("alg", "RS256")
                            .subject(subject)
                            .issuedAt(START)
                            .expiresAt(expiresAt)
                            .build());
        }

        int calls(String token) {
            return calls.getOrDefault(token, new AtomicInteger()).get();
        }

        @Override
        public Mono<Jwt> decode(String token) {
            calls.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            Jwt jwt = known.get(token);
            if (jwt == null) {
                return Mono.error(new BadJwtException("not a token this test made"));
            }
            if (!jwt.getExpiresAt().isAfter(clock.instant())) {
                return Mono.error(new JwtValidationException(
                        "expired", java.util.List.of(new OAuth2Error("invalid_token", "expired", null))));
            }
            // a new object per decode, with a new string, as for a token read from a request
            return Mono.just(Jwt.withTokenValue(new String(token))
                    .headers(h -> h.putAll(jwt.getHeaders()))
                    .claims(c -> c.putAll(jwt.getClaims()))
                    .build());
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class MovableTicker implements Ticker {

        private final AtomicLong nanos = new AtomicLong();

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public long read() {
            return nanos.get();
        }
    }
}
