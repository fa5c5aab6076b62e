package dev.rightsplatform.security;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Puts a {@link VerifiedTokenCache} in front of the service's {@link ReactiveJwtDecoder} (the one Spring Boot makes
 * from {@code spring.security.oauth2.resourceserver.jwt.*}, whatever its validators), in every service that checks
 * access tokens: the gateway and rights-service. {@code platform.verified-tokens.max-tokens} (default 1000; 0 turns
 * the cache off) and {@code platform.verified-tokens.max-age} (default 5m, at most 1d).
 */
@AutoConfiguration
@ConditionalOnClass({ReactiveJwtDecoder.class, Caffeine.class})
public class VerifiedTokenCacheAutoConfiguration {

    static final String PREFIX = "platform.verified-tokens";

    /** The name the cache's metrics carry in their {@code cache} tag. */
    public static final String CACHE_NAME = "verified-tokens";

    @Bean
    static BeanPostProcessor verifiedTokenCacheWrapper(Environment environment) {
        Binder binder = Binder.get(environment);
        int maxTokens = binder.bind(PREFIX + ".max-tokens", Integer.class).orElse(1000);
        Duration maxAge = binder.bind(PREFIX + ".max-age", Duration.class).orElse(Duration.ofMinutes(5));
        if (maxTokens < 0 || maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(PREFIX + ".max-tokens must be 0 (off) or more and " + PREFIX
                    + ".max-age more than nothing and at most a day (access tokens live minutes)");
        }
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (maxTokens > 0
                        && bean instanceof ReactiveJwtDecoder decoder
                        && !(bean instanceof VerifiedTokenCache)) {
                    return new VerifiedTokenCache(decoder, maxTokens, maxAge);
                }
                return bean;
            }
        };
    }

    /**
     * Caffeine's figures for the cache: {@code cache.gets} by {@code result} (hit, miss), {@code cache.size}, {@code
     * cache.evictions}, with {@code cache=verified-tokens}. The hit rate says whether {@code max-tokens} fits the
     * traffic: a token that comes back after more than that many others is verified again.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {

        @Bean
        MeterBinder verifiedTokenCacheMetrics(ObjectProvider<ReactiveJwtDecoder> decoders) {
            // bound once every singleton exists (Spring Boot defers MeterBinders), so the decoder is the wrapped one
            return registry -> decoders.orderedStream()
                    .filter(VerifiedTokenCache.class::isInstance)
                    .map(VerifiedTokenCache.class::cast)
                    .forEach(cache -> CaffeineCacheMetrics.monitor(registry, cache.entries(), CACHE_NAME));
        }
    }
}
