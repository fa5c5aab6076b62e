package dev.rightsplatform.gateway;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.cloud.gateway.handler.predicate.AbstractRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.GatewayPredicate;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The opposite of {@code Path}: matches a request whose path matches none of the patterns, with the same pattern
 * syntax. In YAML: {@code - NotPath=/api/**,/opendsr/**}. The portal's route takes every path but the API's this
 * way, so a path under {@code /api/} that no API route serves stays the gateway's own 404 rather than a portal page.
 */
@Component
class NotPathRoutePredicateFactory extends AbstractRoutePredicateFactory<PathRoutePredicateFactory.Config> {

    private final PathRoutePredicateFactory paths;

    NotPathRoutePredicateFactory(PathRoutePredicateFactory paths) {
        super(PathRoutePredicateFactory.Config.class);
        this.paths = paths;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return paths.shortcutFieldOrder();
    }

    @Override
    public ShortcutType shortcutType() {
        return paths.shortcutType();
    }

    @Override
    public Predicate<ServerWebExchange> apply(PathRoutePredicateFactory.Config config) {
        var anyOf = GatewayPredicate.wrapIfNeeded(paths.apply(config));
        return new GatewayPredicate() {
            @Override
            public boolean test(ServerWebExchange exchange) {
                return !anyOf.test(exchange);
            }

            @Override
            public Object getConfig() {
                return config;
            }

            @Override
            public String toString() {
                return "NotPath: " + config.getPatterns();
            }
        };
    }
}
