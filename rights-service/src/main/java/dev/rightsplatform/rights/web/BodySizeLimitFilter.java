package dev.rightsplatform.rights.web;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies above {@code rights.web.max-body-size}, whether announced by Content-Length or streamed in
 * chunks. The codec's in-memory limit alone does not do it: the JSON decoder streams tokens, so padding slips through.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimitFilter implements WebFilter {

    private static final String COLLECTIONS_PATH = "/internal/v1/collections/";

    private final long maxBytes;
    private final JsonMapper json;

    BodySizeLimitFilter(@Value("${rights.web.max-body-size:64KB}") DataSize maxBodySize, JsonMapper json) {
        this.maxBytes = maxBodySize.toBytes();
        this.json = json;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith(COLLECTIONS_PATH)) {
            return chain.filter(exchange); // uploads of collected data: their own limit, rights.collections.max-bytes
        }
        if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
            var problem = Problems.of(tooLarge());
            return Problems.write(exchange, json, problem);
        }
        var counted = new AtomicLong();
        var limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<org.springframework.core.io.buffer.DataBuffer> getBody() {
                return super.getBody().doOnNext(buffer -> {
                    if (counted.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        throw tooLarge();
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }

    private static ApiException tooLarge() {
        return new ApiException(
                ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the size this service accepts.");
    }
}
