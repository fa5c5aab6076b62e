package dev.rightsplatform.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Serves {@code GET /actuator/prometheus} on {@code gateway.metrics.port} (8090 locally, on
 * {@code gateway.metrics.address}), apart from the public port: the gateway is the platform's only public entry, and
 * its security refuses every actuator path there but the probes. Prometheus scrapes this port inside the platform's
 * network. A port that cannot be bound is logged and the gateway runs on without it (a second gateway on one machine);
 * {@code -1} starts no metrics server.
 */
@Component
class MetricsServer implements SmartLifecycle {

    static final String PATH = "/actuator/prometheus";
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

    private final PrometheusMeterRegistry registry;
    private final int port;
    private final String address;
    private volatile DisposableServer server;

    MetricsServer(
            PrometheusMeterRegistry registry,
            @Value("${gateway.metrics.port:8090}") int port,
            @Value("${gateway.metrics.address:127.0.0.1}") String address) {
        this.registry = registry;
        this.port = port;
        this.address = address;
    }

    @Override
    public void start() {
        if (port < 0) {
            return;
        }
        try {
            server = HttpServer.create()
                    .host(address)
                    .port(port)
                    .route(routes -> routes.get(
                            PATH,
                            (request, response) -> response.header(
                                            "Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                                    .sendString(Mono.fromCallable(registry::scrape)
                                            .subscribeOn(Schedulers.boundedElastic()))))
                    .bindNow();
            log.info("Metrics for Prometheus on http://{}:{}{}", address, server.port(), PATH);
        } catch (RuntimeException e) {
            log.warn("No metrics server: port {} on {} could not be bound ({})", port, address, e.toString());
        }
    }

    /** The bound port, or -1 when none is. */
    int port() {
        var bound = server;
        return bound == null ? -1 : bound.port();
    }

    @Override
    public void stop() {
        var bound = server;
        if (bound != null) {
            bound.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
