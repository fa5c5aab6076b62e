package dev.rightsplatform.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the project is and the development secrets of infra/local/dev-secrets.env, which the services under test are
 * given through their environment exactly as infra/local/up gives them.
 */
final class DevSettings {

    final Path root;
    final String version;
    final Map<String, String> secrets;
    final String keycloakUrl;

    private DevSettings(Path root, String version, Map<String, String> secrets) {
        this.root = root;
        this.version = version;
        this.secrets = secrets;
        this.keycloakUrl = System.getenv().getOrDefault("KEYCLOAK_URL", "http://127.0.0.1:8180");
    }

    static DevSettings load() {
        var root = Path.of(System.getProperty("platform.root", "../.."))
                .toAbsolutePath()
                .normalize();
        var version = System.getProperty("platform.version", "0.1.0-SNAPSHOT");
        return new DevSettings(root, version, readEnvFile(root.resolve("infra/local/dev-secrets.env")));
    }

    String secret(String name) {
        var value = secrets.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is missing from infra/local/dev-secrets.env");
        }
        return value;
    }

    Path jarOf(String module) {
        var jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: run the system tests with `./mvnw verify` from the root");
        }
        return jar;
    }

    private static Map<String, String> readEnvFile(Path file) {
        try {
            var values = new HashMap<String, String>();
            for (var line : Files.readAllLines(file)) {
                var trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                    continue;
                }
                var at = trimmed.indexOf('=');
                values.put(
                        trimmed.substring(0, at).trim(),
                        trimmed.substring(at + 1).trim());
            }
            return Map.copyOf(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
