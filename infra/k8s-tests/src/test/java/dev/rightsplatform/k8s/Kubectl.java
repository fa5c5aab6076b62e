package dev.rightsplatform.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kubectl kustomize <dir>}. Which kubectl: the system property {@code kubectl}, else the environment
 * variable {@code KUBECTL}, else {@code kubectl} on the PATH. Debian's {@code kubernetes-client} (kubectl 1.20, its
 * kustomize v2.0.3) and a current kubectl (kustomize v5) must both render the manifests.
 */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 60;

    private Kubectl() {}

    static String command() {
        var fromProperty = System.getProperty("kubectl");
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        var fromEnvironment = System.getenv("KUBECTL");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "kubectl";
    }

    /** The rendered YAML (kubectl's standard output); kustomize's deprecation warnings on standard error are ignored. */
    static String kustomize(Path directory) {
        var kubectl = command();
        Path errors = null;
        try {
            errors = Files.createTempFile("kustomize", ".err");
            var process = new ProcessBuilder(List.of(kubectl, "kustomize", directory.toString()))
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        kubectl + " kustomize " + directory + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(kubectl + " kustomize " + directory + " failed (exit " + process.exitValue()
                        + "):\n" + Files.readString(errors));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot run '" + kubectl + " kustomize': kubectl is missing. Install it (Debian: "
                            + "apt-get install kubernetes-client) or point -Dkubectl=... or KUBECTL at one ("
                            + e.getMessage()
                            + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + directory, e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
