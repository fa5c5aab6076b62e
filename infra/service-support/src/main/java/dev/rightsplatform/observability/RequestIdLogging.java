package dev.rightsplatform.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's {@code X-Request-Id} in every log line written while a call is handled (MDC key {@code request.id},
 * a field of the JSON lines) and as the tag {@code request.id} of the call's span. Only a value that looks like an id
 * is taken (the gateway's rule), so nothing else reaches the logs. The trace and span ids come from Micrometer
 * Tracing itself. Every service but the gateway gets it from {@link RequestIdLoggingAutoConfiguration}.
 */
public class RequestIdLogging implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "request.id";
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

    static {
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var id = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            return chain.filter(exchange);
        }
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .ifPresent(observation -> observation.addHighCardinalityKeyValue(KeyValue.of(KEY, id)));
        return chain.filter(exchange)
                .contextWrite(context -> context.put(Slf4jThreadLocalAccessor.KEY, Map.of(KEY, id)));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
