package dev.rightsplatform.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A service's JVM argument file, infra/jvm/&lt;service&gt;.options, as the java launcher reads it: one option per line,
 * {@code #} starts a comment. Read here to check that a pod's memory limit holds what the file lets the JVM use.
 */
record JvmOptionsFile(Path path, List<String> options) {

    static Path directory() {
        return Rendered.k8sDir().resolveSibling("jvm");
    }

    static JvmOptionsFile of(String service) {
        var path = directory().resolve(service + ".options");
        try {
            var options = Files.readAllLines(path).stream()
                    .map(line -> line.replaceFirst("#.*", "").strip())
                    .filter(line -> !line.isEmpty())
                    .toList();
            return new JvmOptionsFile(path, options);
        } catch (IOException e) {
            throw new UncheckedIOException("no JVM options file for " + service, e);
        }
    }

    /** -XX:Name=value and -XX:+Name / -XX:-Name by name; -Xmx, -Xms, -Xss under their own spelling. */
    Map<String, String> byName() {
        var named = new LinkedHashMap<String, String>();
        for (var option : options) {
            if (option.startsWith("-XX:+") || option.startsWith("-XX:-")) {
                named.put(option.substring(5), option.substring(4, 5));
            } else if (option.startsWith("-XX:") && option.contains("=")) {
                named.put(option.substring(4, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
            } else if (option.matches("-Xm[sx].+|-Xss.+")) {
                named.put(option.substring(0, 4), option.substring(4));
            } else {
                named.put(option, "");
            }
        }
        return named;
    }

    Optional<Long> bytes(String name) {
        return Optional.ofNullable(byName().get(name)).map(JvmOptionsFile::parseSize);
    }

    long requiredBytes(String name) {
        return bytes(name).orElseThrow(() -> new AssertionError(path + " sets no " + name));
    }

    /** A JVM size: 512k, 128m, 1g, or bytes. */
    static long parseSize(String size) {
        var lower = size.toLowerCase(Locale.ROOT);
        long unit = switch (lower.charAt(lower.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        var digits = unit == 1 ? lower : lower.substring(0, lower.length() - 1);
        return Long.parseLong(digits) * unit;
    }
}
