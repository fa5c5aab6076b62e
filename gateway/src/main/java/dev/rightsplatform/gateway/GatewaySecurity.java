package dev.rightsplatform.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Checks the bearer token (issuer, audience, signature, expiry) before anything is routed, so a service never sees an
 * unauthenticated API call. The token itself is passed on: each service checks it again and decides ownership. The
 * portal's pages pass without a token: the portal signs people in itself (authorization code with PKCE, its own
 * session cookie), and the gateway keeps no session of its own ({@link NoSessions}).
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    @Bean
    SecurityWebFilterChain gatewaySecurityChain(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable) // API calls carry bearer tokens, not cookies
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable) // POST /logout is the portal's
                // no session: nothing is saved for a later request and no context is read from one
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(exchanges -> exchanges
                        // the probes by name: any other actuator path (an unknown health group included) is refused
                        // with a problem, where the actuator would answer an empty 404
                        .pathMatchers(
                                "/actuator/health",
                                "/actuator/health/liveness",
                                "/actuator/health/readiness",
                                "/actuator/info")
                        .permitAll()
                        // public by design: the API's description, and due-date previews before anyone signs in
                        .pathMatchers(HttpMethod.GET, "/api/v1/openapi", "/api/v1/openapi/**", "/api/v1/deadlines")
                        .permitAll()
                        // requests without a login: rights-service checks the one-time code sent by e-mail
                        .pathMatchers(
                                HttpMethod.POST,
                                "/api/v1/public/requests",
                                "/api/v1/public/requests/*/verify",
                                "/api/v1/public/requests/*/code")
                        .permitAll()
                        // the consent catalogue is published notice text, served to anyone before they sign in
                        .pathMatchers(HttpMethod.GET, "/api/v1/consents/purposes")
                        .permitAll()
                        // OpenDSR controllers read the discovery and the processor certificate before they have a token
                        .pathMatchers(HttpMethod.GET, "/opendsr/v2/discovery", "/opendsr/v2/processor-certificate")
                        .permitAll()
                        .pathMatchers("/opendsr/v2/**")
                        .authenticated()
                        // a signed receipt, fetched by a person whose account was deleted (so no token) with the
                        // capability token of its link, which rights-service checks
                        .pathMatchers(HttpMethod.GET, "/api/v1/receipts/**")
                        .permitAll()
                        .pathMatchers("/api/**")
                        .authenticated()
                        // other actuator paths, other OpenDSR versions, and the services' internal APIs (never
                        // routed; denied in case a route ever reached one)
                        .pathMatchers("/actuator/**", "/opendsr/**", "/internal/**")
                        .denyAll()
                        // everything else is the portal's: its pages sign people in with its own session cookie,
                        // not a bearer token, and it decides itself what needs a login
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> {})
                        .authenticationEntryPoint(
                                (exchange, e) -> Problems.write(exchange, ProblemType.UNAUTHENTICATED))
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, ProblemType.FORBIDDEN)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                                (exchange, e) -> Problems.write(exchange, ProblemType.UNAUTHENTICATED))
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, ProblemType.FORBIDDEN)))
                .build();
    }
}
