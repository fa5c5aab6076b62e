package dev.rightsplatform.observability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@link EcsJsonLines} writes what Spring Boot's {@code ecs} format writes, byte for byte, and encodes a line without
 * the per-line writer and its 8 KB buffer. Both formatters are made the way Spring Boot's {@code StructuredLogEncoder}
 * makes a formatter named in {@code logging.structured.format.console}.
 */
class EcsJsonLinesUnitTests {

    private final MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.application.name", "deletion-worker")
            .withProperty("spring.application.version", "0.1.0-SNAPSHOT");
    private final StructuredLogFormatter<ILoggingEvent> ours = formatter(EcsJsonLines.class.getName());
    private final StructuredLogFormatter<ILoggingEvent> boots = formatter(EcsJsonLines.BOOT_ECS_FORMATTER);

    @Test
    void theSameBytesAsSpringBootsEcsLines() {
        for (var event : List.of(plain(), withMdcAndKeyValues(), withMarker(), withException())) {
            assertThat(new String(ours.formatAsBytes(event, UTF_8), UTF_8))
                    .isEqualTo(new String(boots.formatAsBytes(event, UTF_8), UTF_8))
                    .startsWith("{\"@timestamp\":")
                    .endsWith("}\n");
            assertThat(ours.formatAsBytes(event, UTF_8)).isEqualTo(boots.formatAsBytes(event, UTF_8));
            assertThat(ours.format(event)).isEqualTo(boots.format(event));
        }
        assertThat(new String(ours.formatAsBytes(withMdcAndKeyValues(), UTF_8), UTF_8))
                .contains("\"message\":\"注销 Task settled: ERASED\"", "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"")
                .contains("\"system\":\"crm\"");
    }

    @Test
    void aLineIsEncodedWithoutAWriterPerLine() {
        var event = withMdcAndKeyValues();
        long boot = allocatedPerLine(boots, event);
        long ourLine = allocatedPerLine(ours, event);
        // Boot's path allocates an OutputStreamWriter per line, whose encoder holds an 8 KB byte buffer
        assertThat(boot).as("Spring Boot's ecs, bytes allocated per line").isGreaterThan(8192);
        assertThat(ourLine)
                .as("EcsJsonLines, bytes allocated per line (Boot's: %d)", boot)
                .isLessThan(boot / 2);
    }

    private static long allocatedPerLine(StructuredLogFormatter<ILoggingEvent> formatter, ILoggingEvent event) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2_000; i++) {
            formatter.formatAsBytes(event, UTF_8);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int lines = 2_000;
        for (int i = 0; i < lines; i++) {
            formatter.formatAsBytes(event, UTF_8);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / lines;
    }

    private StructuredLogFormatter<ILoggingEvent> formatter(String name) {
        return new StructuredLogFormatterFactory<>(
                        ILoggingEvent.class,
                        environment,
                        parameters -> parameters.add(ThrowableProxyConverter.class, new ThrowableProxyConverter()),
                        commonFormats -> {})
                .get(name);
    }

    private static LoggingEvent plain() {
        return event("Task settled", Level.INFO);
    }

    private static LoggingEvent event(String message) {
        return event(message, Level.INFO);
    }

    private static LoggingEvent event(String message, Level level) {
        var event = new LoggingEvent();
        var context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        event.setLoggerContext(context);
        event.setLoggerName("dev.rightsplatform.worker.task.TaskProcessor");
        event.setLevel(level);
        event.setThreadName("reactor-tcp-epoll-1");
        event.setTimeStamp(1_796_700_000_123L);
        event.setMessage(message);
        return event;
    }

    private static LoggingEvent withMdcAndKeyValues() {
        var event = event("注销 Task settled: ERASED");
        event.setMDCPropertyMap(Map.of(
                "traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7", "request.id", "r-1"));
        event.setKeyValuePairs(List.of(new KeyValuePair("system", "crm"), new KeyValuePair("attempt", 2)));
        return event;
    }

    private static LoggingEvent withMarker() {
        var event = event("a quote \" a backslash \\ a tab \t and a line\nbreak");
        event.addMarker(MarkerFactory.getMarker("AUDIT"));
        return event;
    }

    private static LoggingEvent withException() {
        var event = event("Task failed", Level.WARN);
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(
                new IllegalStateException("system unavailable", new RuntimeException("connection refused"))));
        return event;
    }
}
