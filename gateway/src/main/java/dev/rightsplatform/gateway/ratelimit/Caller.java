package dev.rightsplatform.gateway.ratelimit;

import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Whose budget a request draws on. Only the principal that the resource server has already validated counts, never
 * a raw header: a partner by its client id ({@code azp}), a person by subject ({@code sub}), a call without a token by
 * the client's address.
 */
record Caller(Kind kind, String id) {

    enum Kind {
        PARTNER,
        PERSON,
        ANONYMOUS
    }

    static final String PARTNER_ROLE = "partner";

    static Mono<Caller> of(ServerWebExchange exchange, RemoteAddressResolver addresses) {
        return exchange.getPrincipal()
                .map(Caller::signedIn)
                .switchIfEmpty(Mono.fromSupplier(() -> anonymous(exchange, addresses)));
    }

    private static Caller signedIn(Principal principal) {
        if (principal instanceof JwtAuthenticationToken token) {
            var jwt = token.getToken();
            if (realmRoles(jwt).contains(PARTNER_ROLE)) {
                // Keycloak always names the client in azp; a service account's sub is one per client anyway.
                var clientId = jwt.getClaimAsString("azp");
                return new Caller(Kind.PARTNER, clientId != null && !clientId.isBlank() ? clientId : subject(jwt));
            }
            return new Caller(Kind.PERSON, subject(jwt));
        }
        return new Caller(Kind.PERSON, principal.getName());
    }

    private static String subject(Jwt jwt) {
        var subject = jwt.getSubject();
        return subject == null || subject.isBlank() ? "no-subject" : subject;
    }

    /** The caller's address, token or not: for routes whose budget is per address ({@link RoutePolicy#PER_ADDRESS}). */
    static Caller anonymous(ServerWebExchange exchange, RemoteAddressResolver addresses) {
        var address = addresses.resolve(exchange);
        // Without an address (not seen over TCP) every such call shares one budget rather than none.
        return new Caller(Kind.ANONYMOUS, address == null ? "unknown" : address.getHostString());
    }

    private static Collection<?> realmRoles(Jwt jwt) {
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> roles) {
            return roles;
        }
        return List.of();
    }
}
