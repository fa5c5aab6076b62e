package dev.rightsplatform.worker.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The development secrets the tests pass to the worker: from the environment when set (CI may override them),
 * else from infra/local/dev-secrets.env, the same values the local platform and the realm import use.
 */
public final class DevSecrets {

    private static final Path FILE = Path.of("..", "infra", "local", "dev-secrets.env");

    private static final Map<String, String> FROM_FILE = read();

    private DevSecrets() {}

    public static String get(String name) {
        String fromEnvironment = System.getenv(name);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        String value = FROM_FILE.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is neither in the environment nor in " + FILE.toAbsolutePath());
        }
        return value;
    }

    private static Map<String, String> read() {
        try {
            Map<String, String> values = new HashMap<>();
            for (String line : Files.readAllLines(FILE)) {
                String trimmed = line.trim();
                int equals = trimmed.indexOf('=');
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && equals > 0) {
                    values.put(
                            trimmed.substring(0, equals).trim(),
                            trimmed.substring(equals + 1).trim());
                }
            }
            return values;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), ex);
        }
    }
}
