package dev.rightsplatform.gateway;

import dev.rightsplatform.testsupport.TestTokens;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What most gateway test contexts share: where its two routes lead, and the test key's issuer in place of Keycloak. */
final class TestWiring {

    private TestWiring() {}

    static void routesAndTokens(
            DynamicPropertyRegistry registry,
            Supplier<Object> rightsService,
            Supplier<Object> portal,
            TestTokens tokens) {
        registry.add("gateway.routes.rights-service", rightsService);
        registry.add("gateway.routes.portal", portal);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
    }
}
