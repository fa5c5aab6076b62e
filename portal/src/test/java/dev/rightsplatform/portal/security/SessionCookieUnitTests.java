package dev.rightsplatform.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.portal.PortalProperties;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** Outside the local platform the session cookie is Secure as well as HttpOnly and SameSite=Lax. */
class SessionCookieUnitTests {

    @Test
    void theCookieIsSecureUnlessTheDevelopmentProfileSaysOtherwise() {
        var properties = new PortalProperties(URI.create("http://rights"), "keycloak", "CN", ZoneOffset.UTC, true);
        var resolver = new SessionCookie().webSessionIdResolver(properties, Duration.ofMinutes(30));
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

        resolver.setSessionId(exchange, "abc");

        var cookie = exchange.getResponse().getCookies().getFirst(SessionCookie.NAME);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
    }
}
