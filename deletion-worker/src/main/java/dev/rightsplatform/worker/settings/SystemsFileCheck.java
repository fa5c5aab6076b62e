package dev.rightsplatform.worker.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start, naming SYSTEM_REGISTRY_FILE, when it is unset or names no readable file. application.yml
 * imports the system registry from that file; without this check Spring Boot would fail with a generic message
 * about an unresolvable placeholder or a missing config resource. Runs just before the config files are read.
 */
public class SystemsFileCheck implements EnvironmentPostProcessor, Ordered {

    public static final String VARIABLE = "SYSTEM_REGISTRY_FILE";

    /** Just before ConfigDataEnvironmentPostProcessor (HIGHEST_PRECEDENCE + 10), which does the import. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 9;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        check(environment.getProperty(VARIABLE));
    }

    static void check(@Nullable String location) {
        if (location == null || location.isBlank()) {
            throw new InvalidSettingException(
                    VARIABLE,
                    "is not set: it must name the system registry file (the"
                            + " downstream systems, shared with rights-service; locally infra/local/systems.yml)");
        }
        Path file = Path.of(location.strip());
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidSettingException(
                    VARIABLE,
                    "names " + file.toAbsolutePath()
                            + ", which is not a readable file; it must name the system registry file");
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
