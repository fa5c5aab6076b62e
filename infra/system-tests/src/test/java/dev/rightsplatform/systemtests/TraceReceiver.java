package dev.rightsplatform.systemtests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpenTelemetry collector for the system tests: OTLP/HTTP with protobuf bodies on {@code POST /v1/traces}
 * (what the services' exporter sends once {@code management.opentelemetry.tracing.export.otlp.endpoint} is set). It
 * answers 200 with an empty {@code ExportTraceServiceResponse} and keeps every body as it came (gzip undone: the
 * exporter compresses when {@code ...otlp.compression=gzip}), to be read as spans by trace id.
 */
final class TraceReceiver implements AutoCloseable {

    /** One span as a test looks at it: the service that sent it (its resource's {@code service.name}) and its fields. */
    record Span(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String kind,
            Map<String, String> attributes) {

        @Override
        public String toString() {
            return service + " | " + name + " (" + kind + ") span " + spanId + " parent " + parentSpanId + " "
                    + attributes;
        }
    }

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    private TraceReceiver(HttpServer server) {
        this.server = server;
    }

    static TraceReceiver start() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            var receiver = new TraceReceiver(server);
            server.createContext("/v1/traces", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                var thread = new Thread(runnable, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the services send their spans. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
                try (var unzipped = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = unzipped.readAllBytes();
                }
            }
            var type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null && !type.startsWith("application/x-protobuf")) {
                refused.add("Content-Type " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            bodies.add(body);
            var answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    /** How many export calls arrived so far. */
    int exports() {
        return bodies.size();
    }

    /** Calls this receiver turned away (wrong method or content type): empty when the exporter speaks OTLP/HTTP protobuf. */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** Every span received so far of one trace (its id in lower-case hex), in the order they arrived. */
    List<Span> trace(String traceId) {
        var wanted = HexFormat.of().parseHex(traceId);
        return spans(span -> java.util.Arrays.equals(span.getTraceId().toByteArray(), wanted));
    }

    /** Every span received so far. */
    List<Span> all() {
        return spans(span -> true);
    }

    private List<Span> spans(java.util.function.Predicate<io.opentelemetry.proto.trace.v1.Span> wanted) {
        var spans = new ArrayList<Span>();
        for (var body : bodies) {
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("an export body is not an ExportTraceServiceRequest", e);
            }
            for (var resourceSpans : request.getResourceSpansList()) {
                var service = attributes(resourceSpans.getResource().getAttributesList())
                        .get("service.name");
                for (var scopeSpans : resourceSpans.getScopeSpansList()) {
                    for (var span : scopeSpans.getSpansList()) {
                        if (wanted.test(span)) {
                            spans.add(new Span(
                                    service,
                                    hex(span.getTraceId().toByteArray()),
                                    hex(span.getSpanId().toByteArray()),
                                    hex(span.getParentSpanId().toByteArray()),
                                    span.getName(),
                                    span.getKind().name(),
                                    attributes(span.getAttributesList())));
                        }
                    }
                }
            }
        }
        return spans;
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        var map = new LinkedHashMap<String, String>();
        for (var value : values) {
            map.put(value.getKey(), text(value.getValue()));
        }
        return map;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.toString().strip();
        };
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
