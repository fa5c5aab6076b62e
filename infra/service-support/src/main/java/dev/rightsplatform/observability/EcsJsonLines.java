package dev.rightsplatform.observability;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLogFormatterFactory;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's Elastic Common Schema log lines, the same bytes, turned into bytes through one string instead of a
 * new {@code OutputStreamWriter} per line. Every service names it in {@code logging.structured.format.console}.
 *
 * <p>Why: Spring Boot's JSON formatters encode each line through {@code WritableJson.toByteArray}, which wraps a
 * {@code ByteArrayOutputStream} in a new {@code OutputStreamWriter} (an 8 KB buffer and a charset encoder per line,
 * each small write synchronized and encoded on its own; spring-projects/spring-boot#49428, open). The line is built
 * in a {@code StringBuilder} by the same formatter here and encoded once.
 *
 * <p>Spring Boot's ECS formatter is package-private; Boot builds it here by its name, exactly as it builds a formatter
 * named in the setting (the same constructor parameters: the environment, its stack-trace and context settings,
 * logback's throwable converter). {@code EcsJsonLinesUnitTests} holds the output equal to Boot's {@code ecs} and
 * fails if a Spring Boot upgrade renames the class.
 */
public final class EcsJsonLines implements StructuredLogFormatter<ILoggingEvent> {

    static final String BOOT_ECS_FORMATTER =
            "org.springframework.boot.logging.logback.ElasticCommonSchemaStructuredLogFormatter";

    private final StructuredLogFormatter<ILoggingEvent> ecs;

    /** Called by Spring Boot's {@code StructuredLogEncoder} with the parameters it offers every formatter. */
    public EcsJsonLines(Environment environment, ThrowableProxyConverter throwableProxyConverter) {
        this.ecs = new StructuredLogFormatterFactory<>(
                        ILoggingEvent.class,
                        environment,
                        parameters -> parameters.add(ThrowableProxyConverter.class, throwableProxyConverter),
                        commonFormats -> {})
                .get(BOOT_ECS_FORMATTER);
    }

    @Override
    public String format(ILoggingEvent event) {
        return this.ecs.format(event);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return this.ecs.format(event).getBytes(charset);
    }
}
