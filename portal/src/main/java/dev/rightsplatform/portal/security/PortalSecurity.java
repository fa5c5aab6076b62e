package dev.rightsplatform.portal.security;

import dev.rightsplatform.portal.PortalProperties;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Who may open what, and how people sign in and out.
 *
 * <ul>
 *   <li>Public: the start page, the assets, the request without an account and a receipt's page (the person's
 *       account may be gone by then; the receipt's address is its key). Everything else needs a signed-in person.</li>
 *   <li>Sign-in: authorization code with PKCE at Keycloak ({@link LoginRequests}); the tokens land in the session
 *       (Redis), never in the browser. Spring Security gives the session a new id on sign-in (no fixation).</li>
 *   <li>CSRF: every POST carries the session's token (a hidden field in each form); without it, 403.</li>
 *   <li>Sign-out (POST) ends the session here and the Keycloak session too, then comes back to the start page.</li>
 *   <li>Content-Security-Policy: scripts, styles, images and fonts from this origin only (no CDN, no inline
 *       script); forms may post here and, for sign-out's redirect, to Keycloak.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    @Bean
    SecurityWebFilterChain portalSecurityChain(
            ServerHttpSecurity http,
            ReactiveClientRegistrationRepository clients,
            ServerOAuth2AuthorizationRequestResolver loginRequests,
            ServerOAuth2AuthorizedClientRepository authorizedClients,
            ForbiddenPage forbidden,
            PortalProperties properties) {
        var logout = new OidcClientInitiatedServerLogoutSuccessHandler(clients);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers(
                                HttpMethod.GET,
                                "/",
                                "/assets/**",
                                "/brand.css",
                                "/brand/logo",
                                "/favicon.ico",
                                "/receipts/**",
                                "/error")
                        .permitAll()
                        .pathMatchers("/without-account", "/without-account/**")
                        .permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        // Prometheus scrapes the portal's port directly; a call through the gateway (which never routes
                        // /actuator/** here anyway) carries its X-Request-Id and is refused like any other page
                        .matchers(DirectScrape.MATCHER)
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2Login(login ->
                        login.authorizationRequestResolver(loginRequests).authorizedClientRepository(authorizedClients))
                .logout(out -> out.requiresLogout(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/logout"))
                        .logoutSuccessHandler(logout))
                .exceptionHandling(handling -> handling.accessDeniedHandler(forbidden))
                .csrf(csrf -> csrf.accessDeniedHandler(forbidden))
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(contentSecurityPolicy(clients, properties)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frames -> frames.mode(Mode.DENY))
                        .permissionsPolicy(
                                permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")))
                .build();
    }

    /** Read once at start-up: the registration is in memory by then (its issuer was asked at start). */
    private static String contentSecurityPolicy(
            ReactiveClientRegistrationRepository clients, PortalProperties properties) {
        var registration =
                clients.findByRegistrationId(properties.registrationId()).block();
        if (registration == null) {
            throw new IllegalStateException("no client registration " + properties.registrationId());
        }
        var authorization = URI.create(registration.getProviderDetails().getAuthorizationUri());
        var keycloak = authorization.getScheme() + "://" + authorization.getRawAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                + "form-action 'self' " + keycloak;
    }
}
