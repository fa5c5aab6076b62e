package dev.rightsplatform.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A service's JVM options as production has them: its argument file {@code infra/jvm/<module>.options}, which
 * infra/local/up and the image pass too, so the tests and the benchmarks run the heap, collector and ceilings that
 * ship. {@code BENCH_JVM_DEFAULTS=true} leaves the file out (the JVM's own defaults), for a benchmark's comparison.
 */
final class JvmOptions {

    private JvmOptions() {}

    static List<String> of(Path root, String module) {
        if (Boolean.parseBoolean(System.getenv("BENCH_JVM_DEFAULTS"))) {
            return List.of();
        }
        var file = root.resolve("infra/jvm").resolve(module + ".options");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(module + " has no JVM options file: " + file);
        }
        return List.of("@" + file.toAbsolutePath());
    }
}
