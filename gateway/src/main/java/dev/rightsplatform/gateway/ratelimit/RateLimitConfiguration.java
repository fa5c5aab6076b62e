package dev.rightsplatform.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Wires the rate limits; with {@code gateway.rate-limits.enabled=false} nothing is limited. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "gateway.rate-limits.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

    @Bean
    TokenBuckets rateLimitBuckets(ReactiveStringRedisTemplate redis, RateLimitProperties properties) {
        return new TokenBuckets(redis, properties.keyPrefix(), properties.timeout());
    }

    @Bean
    RateLimitFilter rateLimitFilter(
            RateLimitProperties properties, TokenBuckets buckets, MeterRegistry meters, GatewayProperties gateway) {
        // an unknown rate-limit metadata value stops the start, naming the route, rather than the first call
        gateway.getRoutes().forEach(route -> RoutePolicy.parse(route.getId(), route.getMetadata()));
        return new RateLimitFilter(properties, buckets, clientAddresses(properties.trustedProxies()), meters);
    }

    /** The connection's own address, or the one that the configured number of trusted proxies report. */
    private static RemoteAddressResolver clientAddresses(int trustedProxies) {
        return trustedProxies == 0
                ? new RemoteAddressResolver() {}
                : XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies);
    }
}
