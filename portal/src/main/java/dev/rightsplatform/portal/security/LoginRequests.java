package dev.rightsplatform.portal.security;

import dev.rightsplatform.portal.web.Languages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The authorization request sent to Keycloak: always with PKCE (S256), although the portal is a confidential client
 * (a stolen code is worthless without the verifier held in the session), and with {@code ui_locales} so that the login
 * page speaks the language the person chose here.
 */
@Configuration(proxyBeanMethods = false)
class LoginRequests {

    @Bean
    ServerOAuth2AuthorizationRequestResolver loginRequestResolver(ReactiveClientRegistrationRepository clients) {
        var defaults = new DefaultServerOAuth2AuthorizationRequestResolver(clients);
        defaults.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new ServerOAuth2AuthorizationRequestResolver() {
            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
                return defaults.resolve(exchange).map(request -> inLanguage(request, exchange));
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String clientRegistrationId) {
                return defaults.resolve(exchange, clientRegistrationId).map(request -> inLanguage(request, exchange));
            }
        };
    }

    private static OAuth2AuthorizationRequest inLanguage(
            OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
        var language = Languages.of(exchange).toLanguageTag();
        return OAuth2AuthorizationRequest.from(request)
                .additionalParameters(parameters -> parameters.put("ui_locales", language))
                .build();
    }
}
