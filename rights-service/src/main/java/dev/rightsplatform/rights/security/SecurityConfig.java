package dev.rightsplatform.rights.security;

import dev.rightsplatform.rights.web.ProblemType;
import dev.rightsplatform.rights.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every API call needs a valid token from realm {@code rights} (issuer, audience {@code rights-api}, signature and
 * expiry are checked by the resource server). Who may see which request is decided per endpoint, since it depends
 * on ownership.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, JsonMapper json) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable) // bearer tokens only: no cookies to forge
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // Prometheus inside the platform's network; the gateway routes only /api/v1/** and
                        // /opendsr/v2/** here
                        .pathMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .permitAll()
                        // pure computation over published rules, no personal data: see deadline/DeadlineController
                        .pathMatchers(HttpMethod.GET, "/api/v1/deadlines")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/v1/openapi", "/api/v1/openapi/**")
                        .permitAll()
                        // requests without a login: the one-time code by e-mail is the proof
                        .pathMatchers(
                                HttpMethod.POST,
                                "/api/v1/public/requests",
                                "/api/v1/public/requests/*/verify",
                                "/api/v1/public/requests/*/code")
                        .permitAll()
                        // signed receipts: the link is the capability (the account is gone after a deregistration),
                        // and the certificate that verifies them is public (see receipt/ReceiptController)
                        .pathMatchers(HttpMethod.GET, "/api/v1/receipts/*")
                        .permitAll()
                        // a person's own requests: theirs alone (the list, cancel, their data and export links,
                        // downloads, receipts); a request itself and its audit trail also to the agents who handle it
                        .pathMatchers(HttpMethod.GET, "/api/v1/requests/*", "/api/v1/requests/*/audit")
                        .hasAnyRole(
                                Role.DATA_SUBJECT.realmRole(),
                                Role.SUPPORT_AGENT.realmRole(),
                                Role.PRIVACY_OFFICER.realmRole())
                        .pathMatchers("/api/v1/requests", "/api/v1/requests/**", "/api/v1/exports/**")
                        .hasRole(Role.DATA_SUBJECT.realmRole())
                        // the consent catalogue is published notice text; a person's consents are theirs alone
                        .pathMatchers(HttpMethod.GET, "/api/v1/consents/purposes")
                        .permitAll()
                        .pathMatchers("/api/v1/consents", "/api/v1/consents/**")
                        .hasRole(Role.DATA_SUBJECT.realmRole())
                        .pathMatchers("/api/v1/partner-links", "/api/v1/partner-links/**")
                        .hasRole(Role.DATA_SUBJECT.realmRole())
                        .pathMatchers("/api/v1/agent/**")
                        .hasAnyRole(Role.SUPPORT_AGENT.realmRole(), Role.PRIVACY_OFFICER.realmRole())
                        .pathMatchers("/api/v1/audit/**")
                        .hasRole(Role.PRIVACY_OFFICER.realmRole())
                        // compliance reports: the privacy officer's alone (see report/)
                        .pathMatchers("/api/v1/officer/**")
                        .hasRole(Role.PRIVACY_OFFICER.realmRole())
                        // OpenDSR: discovery and the processor certificate are public, as controllers fetch them first
                        .pathMatchers(HttpMethod.GET, "/opendsr/v2/discovery", "/opendsr/v2/processor-certificate")
                        .permitAll()
                        .pathMatchers("/opendsr/v2/**")
                        .hasRole(Role.PARTNER.realmRole())
                        // nothing else is mapped under /api/v1: a signed-in caller learns 404, and no more
                        .pathMatchers("/api/v1/**")
                        .authenticated()
                        // service to service: deletion-worker uploads the data a COLLECT task gathered
                        .pathMatchers(HttpMethod.PUT, "/internal/v1/collections/*")
                        .hasRole(Role.WORKER.realmRole())
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(keycloakRoles()))
                        .authenticationEntryPoint((exchange, e) -> Problems.write(
                                exchange,
                                json,
                                Problems.of(
                                        ProblemType.UNAUTHENTICATED,
                                        "Sign in again: the token is missing, invalid or expired.")))
                        .accessDeniedHandler((exchange, e) -> Problems.write(
                                exchange,
                                json,
                                Problems.of(ProblemType.FORBIDDEN, "Your role does not allow this action."))))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((exchange, e) -> Problems.write(
                                exchange,
                                json,
                                Problems.of(ProblemType.UNAUTHENTICATED, "A valid bearer token is required.")))
                        .accessDeniedHandler((exchange, e) -> Problems.write(
                                exchange,
                                json,
                                Problems.of(ProblemType.FORBIDDEN, "Your role does not allow this action."))))
                .build();
    }

    /**
     * The firewall's refusals (encoded dots or slashes, ';', a control character in the URL) as a problem: its own
     * handler answers 400 with an empty body. Picked up by Spring Security's WebFilterChainProxy as a bean.
     */
    @Bean
    ServerExchangeRejectedHandler problemOnFirewallRejection(JsonMapper json) {
        return (exchange, e) -> Problems.write(
                exchange,
                json,
                Problems.of(
                        ProblemType.REQUEST_REJECTED,
                        "The URL holds something this service never accepts (such as an encoded slash or dot, ';' or a control "
                                + "character)."));
    }

    private static Converter<Jwt, Mono<AbstractAuthenticationToken>> keycloakRoles() {
        return jwt -> Mono.just(new JwtAuthenticationToken(jwt, KeycloakRoles.authorities(jwt), jwt.getSubject()));
    }
}
