package dev.rightsplatform.portal.security;

import dev.rightsplatform.portal.PortalProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * The one cookie the browser holds: the session's id. HttpOnly (no script reads it), SameSite=Lax (sent on the
 * top-level redirect back from Keycloak, not on other sites' posts), Secure everywhere but the local platform, and
 * no longer than the session lives. Sessions themselves live in Redis (Spring Session), so any replica serves anyone.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookie {

    static final String NAME = "PORTAL_SESSION";

    @Bean
    WebSessionIdResolver webSessionIdResolver(
            PortalProperties properties, @Value("${spring.session.timeout:30m}") Duration timeout) {
        var resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(NAME);
        resolver.setCookieMaxAge(Duration.ofSeconds(-1)); // a session cookie: gone when the browser closes
        resolver.addCookieInitializer(cookie -> cookie.httpOnly(true)
                .sameSite("Lax")
                .secure(properties.secureCookies())
                .path("/"));
        return resolver;
    }
}
