package dev.rightsplatform.portal.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * {@code GET /actuator/prometheus} asked directly of the portal's port (Prometheus inside the platform's network), never
 * through the gateway: the gateway gives every call it routes an {@code X-Request-Id}, so a request that carries one
 * came from outside and is not a scrape. (The gateway also keeps {@code /actuator/**} off the portal's route.)
 */
final class DirectScrape {

    static final String REQUEST_ID = "X-Request-Id";

    private static final ServerWebExchangeMatcher PATH =
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/actuator/prometheus");

    static final ServerWebExchangeMatcher MATCHER =
            exchange -> exchange.getRequest().getHeaders().getFirst(REQUEST_ID) != null
                    ? ServerWebExchangeMatcher.MatchResult.notMatch()
                    : PATH.matches(exchange);

    private DirectScrape() {}
}
