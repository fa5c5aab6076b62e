package dev.rightsplatform.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The development secrets the tests pass to the service: from the environment when set (as the local start script
 * and CI do), else from infra/local/dev-secrets.env, which exists for exactly this.
 */
final class DevSecrets {

    private static final Path FILE = Path.of("..", "infra", "local", "dev-secrets.env");

    private DevSecrets() {
    }

    static String get(String name) {
        String value = System.getenv(name);
        if (value != null && !value.isBlank()) {
            return value;
        }
        try {
            return Files.readAllLines(FILE).stream()
                    .map(String::strip)
                    .filter(line -> line.startsWith(name + "="))
                    .map(line -> line.substring(name.length() + 1))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + " is neither set nor in " + FILE));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("set " + name + " or provide " + FILE.toAbsolutePath(), ex);
        }
    }

}
