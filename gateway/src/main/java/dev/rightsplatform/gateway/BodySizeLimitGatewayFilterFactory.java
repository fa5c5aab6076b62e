package dev.rightsplatform.gateway;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;

/**
 * Refuses request bodies above {@code maxSize} with a 413 problem, whether the size is announced by Content-Length or
 * the body streams in chunks (the built-in RequestSize filter only reads Content-Length and answers without a body).
 * In YAML: {@code name: BodySizeLimit, args: {maxSize: 64KB}}.
 */
@Component
class BodySizeLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<BodySizeLimitGatewayFilterFactory.Config> {

    BodySizeLimitGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        var maxBytes = config.getMaxSize().toBytes();
        return (exchange, chain) -> {
            if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
                return tooLarge(exchange);
            }
            var counted = new AtomicLong();
            var limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
                @Override
                public Flux<DataBuffer> getBody() {
                    return super.getBody().handle((buffer, sink) -> {
                        if (counted.addAndGet(buffer.readableByteCount()) > maxBytes) {
                            org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                            sink.error(new BodyTooLargeException());
                        } else {
                            sink.next(buffer);
                        }
                    });
                }
            };
            return chain.filter(exchange.mutate().request(limited).build())
                    .onErrorResume(BodyTooLargeException.class, e -> tooLarge(exchange));
        };
    }

    private static reactor.core.publisher.Mono<Void> tooLarge(
            org.springframework.web.server.ServerWebExchange exchange) {
        return Problems.write(exchange, ProblemType.PAYLOAD_TOO_LARGE);
    }

    /** Thrown into the body stream when a chunked body passes the limit. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("request body too large", null, false, false);
        }
    }

    /** Settings of one use of the filter. */
    public static class Config {

        /** The largest request body let through. */
        private DataSize maxSize = DataSize.ofKilobytes(64);

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }
}
