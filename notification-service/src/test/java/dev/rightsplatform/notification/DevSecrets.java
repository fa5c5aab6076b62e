package dev.rightsplatform.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The development secrets the tests pass to the service: from the environment when set (as the local start script
 * and CI do), else from infra/local/dev-secrets.env, which exists for exactly this.
 */
final class DevSecrets {

    private static final Path FILE = Path.of("..", "infra", "local", "dev-secrets.env");

    private DevSecrets() {}

    static String get(String name) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return value;
        }
        String committed = committed().get(name);
        if (committed == null) {
            throw new IllegalStateException(name + " is neither set nor in " + FILE);
        }
        return committed;
    }

    /** Every variable of infra/local/dev-secrets.env with its committed value, whatever the environment says. */
    static Map<String, String> committed() {
        try {
            Map<String, String> values = new TreeMap<>();
            for (String line : Files.readAllLines(FILE)) {
                String trimmed = line.strip();
                int equals = trimmed.indexOf('=');
                if (!trimmed.startsWith("#") && equals > 0) {
                    values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
                }
            }
            return values;
        } catch (IOException ex) {
            throw new UncheckedIOException("set the variable or provide " + FILE.toAbsolutePath(), ex);
        }
    }
}
