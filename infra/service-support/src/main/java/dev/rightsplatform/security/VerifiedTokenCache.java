package dev.rightsplatform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the access tokens a {@link ReactiveJwtDecoder} has accepted, so that the next call with the same token
 * skips the decoder's work: parsing, turning the signing key into a Java key, the signature check and the claims'
 * conversion, about 10 % of the gateway's CPU and 5 % of rights-service's per call (JFR, 2026-12-07). A person's
 * portal session, an agent's console and a partner app send the same token with every call until it expires.
 *
 * <p>Nothing is accepted that the decoder would refuse: only a token the decoder accepted is remembered, by its exact
 * text, and never past its {@code exp} (nor past {@code maxAge}, so that a token outlives its signing key's removal by
 * that much at most); a refused token is never remembered, so a flood of forged ones costs what it costs without
 * the cache and evicts nothing. The other checks (issuer, audience, signature) depend on the token's text alone.
 * Bounded: at most {@code maxTokens} tokens, the least useful dropped first (Caffeine's W-TinyLFU).
 */
public final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;

    private final Cache<String, Jwt> accepted;

    private final Clock clock;

    public VerifiedTokenCache(ReactiveJwtDecoder decoder, int maxTokens, Duration maxAge) {
        this(decoder, maxTokens, maxAge, Clock.systemUTC(), Ticker.systemTicker());
    }

    VerifiedTokenCache(ReactiveJwtDecoder decoder, int maxTokens, Duration maxAge, Clock clock, Ticker ticker) {
        this.decoder = decoder;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(new UntilExpiry(maxAge, clock))
                .ticker(ticker)
                .recordStats()
                .build();
    }

    /** The decoder this one asks for tokens it has not accepted yet. */
    public ReactiveJwtDecoder decoder() {
        return decoder;
    }

    /** The tokens held, for the cache's metrics ({@code cache.gets} and the rest, tag {@code cache=verified-tokens}). */
    Cache<String, Jwt> entries() {
        return accepted;
    }

    /** Tokens held now (for tests). */
    long size() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = accepted.getIfPresent(token);
        if (known != null && !expired(known)) {
            return Mono.just(known);
        }
        return decoder.decode(token).doOnNext(jwt -> {
            // kept under the very text asked about (the decoder's copy of it, so that key and value share one string)
            if (jwt.getTokenValue().equals(token) && !expired(jwt)) {
                accepted.put(jwt.getTokenValue(), jwt);
            }
        });
    }

    /** Checked on every hit too, so that a late eviction never lets an expired token through. */
    private boolean expired(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt != null && !expiresAt.isAfter(clock.instant());
    }

    /** Each token is kept until its {@code exp} or for {@code maxAge}, whichever comes first. */
    private record UntilExpiry(Duration maxAge, Clock clock) implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return nanos(maxAge);
            }
            Duration untilExpiry = Duration.between(clock.instant(), expiresAt);
            if (untilExpiry.isNegative()) {
                return 0;
            }
            // compared as durations: an exp centuries away does not fit in nanoseconds
            return nanos(untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge);
        }

        private static long nanos(Duration duration) {
            try {
                return duration.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }

        @Override
        public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(token, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
