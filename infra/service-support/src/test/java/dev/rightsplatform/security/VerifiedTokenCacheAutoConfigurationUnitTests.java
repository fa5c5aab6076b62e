package dev.rightsplatform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** The service's own JWT decoder, whichever it is, gets the cache in front of it unless the cache is turned off. */
class VerifiedTokenCacheAutoConfigurationUnitTests {

    private static final ReactiveJwtDecoder REFUSES_ALL = token -> Mono.error(new BadJwtException("no"));

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VerifiedTokenCacheAutoConfiguration.class))
            .withBean("jwtDecoder", ReactiveJwtDecoder.class, () -> REFUSES_ALL);

    @Test
    void theDecoderIsWrapped() {
        contexts.run(context -> assertThat(context.getBean(ReactiveJwtDecoder.class))
                .isInstanceOfSatisfying(
                        VerifiedTokenCache.class,
                        cache -> assertThat(cache.decoder()).isSameAs(REFUSES_ALL)));
    }

    @Test
    void noTokensMeansNoCache() {
        contexts.withPropertyValues("platform.verified-tokens.max-tokens=0")
                .run(context ->
                        assertThat(context.getBean(ReactiveJwtDecoder.class)).isSameAs(REFUSES_ALL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "-1m", "2d"})
    void aMaximumAgeOfNothingOrOfDaysStopsTheStart(String maxAge) {
        contexts.withPropertyValues("platform.verified-tokens.max-age=" + maxAge)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("platform.verified-tokens.max-age"));
    }
}
