package dev.rightsplatform.observability;

import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * {@link RequestIdLogging} in every reactive web service behind the gateway (rights-service, the portal). Not in the
 * gateway itself: it gives an id to calls that come without one, so it tags its log lines with its own filter, after
 * that.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({WebFilter.class, Slf4jThreadLocalAccessor.class})
@ConditionalOnMissingClass("org.springframework.cloud.gateway.filter.GlobalFilter")
public class RequestIdLoggingAutoConfiguration {

    @Bean
    RequestIdLogging requestIdLogging() {
        return new RequestIdLogging();
    }
}
