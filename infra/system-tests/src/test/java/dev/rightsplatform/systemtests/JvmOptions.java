package dev.rightsplatform.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A service's JVM as production runs it: its argument file {@code infra/jvm/<module>.options}, which infra/local/up
 * and the image pass too, so the tests and the benchmarks run the heap, collector and ceilings that ship; and its
 * class data sharing archive when {@code infra/jvm/cds} has made one for this jar (infra/local/up and the benchmarks
 * make them; the tests only look, as a training run costs more than it saves in one start).
 * {@code BENCH_JVM_DEFAULTS=true} leaves both out (the JVM's defaults), for a benchmark's comparison.
 */
final class JvmOptions {

    private JvmOptions() {}

    private static boolean defaults() {
        return Boolean.parseBoolean(System.getenv("BENCH_JVM_DEFAULTS"));
    }

    static List<String> of(Path root, String module) {
        if (defaults()) {
            return List.of();
        }
        var file = root.resolve("infra/jvm").resolve(module + ".options");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(module + " has no JVM options file: " + file);
        }
        return List.of("@" + file.toAbsolutePath());
    }

    /** The directory with the jar extracted (app.jar) and its archive (app.jsa), if infra/jvm/cds made them. */
    static Optional<Path> classDataSharing(Path root, String module, Path jar) {
        if (defaults()) {
            return Optional.empty();
        }
        try {
            var lookup = new ProcessBuilder(
                            "bash", root.resolve("infra/jvm/cds").toString(), "--lookup", module, jar.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            var out = new String(lookup.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!lookup.waitFor(30, TimeUnit.SECONDS) || lookup.exitValue() != 0 || out.isEmpty()) {
                return Optional.empty();
            }
            var dir = Path.of(out);
            return Files.isRegularFile(dir.resolve("app.jsa")) && Files.isRegularFile(dir.resolve("app.jar"))
                    ? Optional.of(dir)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
