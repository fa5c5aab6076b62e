package dev.rightsplatform.gateway;

import io.micrometer.common.KeyValue;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request id {@link RequestIdFilter} settled on, in every log line the gateway writes while it routes the call
 * (MDC key {@code request.id}, a field of the JSON lines) and as the tag {@code request.id} of the call's span. The
 * services behind read the same id from the header (their own RequestIdLogging), and the trace id from
 * {@code traceparent}.
 */
@Component
class RequestIdLogging implements GlobalFilter, Ordered {

    static final String KEY = "request.id";

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var id = exchange.getRequest().getHeaders().getFirst(RequestIdFilter.HEADER);
        if (id == null) {
            return chain.filter(exchange);
        }
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(observation -> observation.addHighCardinalityKeyValue(KeyValue.of(KEY, id)));
        return chain.filter(exchange)
                .contextWrite(context -> context.put(Slf4jThreadLocalAccessor.KEY, Map.of(KEY, id)));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after RequestIdFilter, which sets the header
    }
}
