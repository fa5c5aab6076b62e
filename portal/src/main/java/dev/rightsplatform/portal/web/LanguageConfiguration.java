package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.PortalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.i18n.LocaleContextResolver;

/** Makes {@link Languages} the page language everywhere (templates, messages) and remembers a switch. */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    /** By this name, WebFlux takes it instead of its Accept-Language-only default. */
    @Bean
    LocaleContextResolver localeContextResolver() {
        return new LocaleContextResolver() {
            @Override
            public org.springframework.context.i18n.LocaleContext resolveLocaleContext(
                    org.springframework.web.server.ServerWebExchange exchange) {
                return new SimpleLocaleContext(Languages.of(exchange));
            }

            @Override
            public void setLocaleContext(
                    org.springframework.web.server.ServerWebExchange exchange,
                    org.springframework.context.i18n.@org.jspecify.annotations.Nullable LocaleContext context) {
                throw new UnsupportedOperationException("the language changes with ?lang=");
            }
        };
    }

    /** {@code ?lang=} on any page: remembered in a cookie for the pages that follow. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter languageSwitch(PortalProperties properties) {
        return (exchange, chain) -> {
            var asked = exchange.getRequest().getQueryParams().getFirst(Languages.PARAMETER);
            if (asked != null) {
                exchange.getResponse()
                        .addCookie(Languages.remember(Languages.parse(asked), properties.secureCookies()));
            }
            return chain.filter(exchange);
        };
    }
}
