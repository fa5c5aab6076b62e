package dev.rightsplatform.k8s;

import static dev.rightsplatform.k8s.Rendered.SERVICES;
import static dev.rightsplatform.k8s.Rendered.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each pod's JVM: its options come from one file per service (infra/jvm), which the image passes to java, and the
 * Deployment adds only the heap as a share of the memory limit. The limit must hold that heap plus every ceiling the
 * file sets outside it (metaspace, code cache, direct buffers) plus what the JVM uses beyond those ceilings, so that
 * the JVM reaches a limit of its own (an OutOfMemoryError that ends it, with a message) before the container is killed.
 */
class JvmSizingTests {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    /**
     * What a service's JVM holds outside the heap and the capped areas: the symbol table, class space shared from the
     * CDS archive, the JVM's own code and libraries, thread stacks, compiler arenas, malloc's overhead. Measured at
     * 80–110 MB (resident minus heap, metaspace and code cache; infra/jvm/README.md).
     */
    static final long UNCAPPED_NATIVE = 96L << 20;

    private static final Pattern MAX_RAM = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)");

    @Test
    void everyServiceHasAnOptionsFileWithItsCeilings() {
        for (var service : SERVICES.keySet()) {
            var file = JvmOptionsFile.of(service);
            var named = file.byName();
            assertThat(named)
                    .as(file.path().toString())
                    .containsKeys(
                            "-Xmx",
                            "MaxMetaspaceSize",
                            "ReservedCodeCacheSize",
                            "MaxDirectMemorySize",
                            "-Xss",
                            "ExitOnOutOfMemoryError");
            assertThat(named.get("ExitOnOutOfMemoryError"))
                    .as(file.path().toString())
                    .isEqualTo("+");
            // the container's heap comes from the Deployment: the file must not size it another way
            assertThat(named).as(file.path().toString()).doesNotContainKeys("MaxRAMPercentage", "MaxRAM");
        }
    }

    @Test
    void theImagePassesTheServicesOptionsFileWithoutItsHeapLines() throws IOException {
        var dockerfile =
                Files.readString(Rendered.k8sDir().resolveSibling("docker").resolve("Dockerfile"));
        assertThat(dockerfile).contains("infra/jvm/$MODULE.options").contains("infra/jvm/cds --into /app");
        assertThat(dockerfile).contains("grep -v -E '^-Xm[sx]'");
        assertThat(dockerfile).containsPattern("ENTRYPOINT \\[\"java\", \"@/app/jvm.options\", \"-jar\"");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theDeploymentSizesOnlyTheHeapAndTheLimitHoldsItPlusEveryCeiling(String overlay) {
        for (var deployment : Rendered.of(overlay).deployments()) {
            var name = deployment.getMetadata().getName();
            var options = DeploymentTests.literal(container(deployment).getEnv(), "JAVA_TOOL_OPTIONS")
                    .orElseThrow(() -> new AssertionError(name + ": no JAVA_TOOL_OPTIONS"));
            assertThat(Arrays.asList(options.strip().split("\\s+")))
                    .as("%s: JAVA_TOOL_OPTIONS sizes the heap and nothing else (the rest is in its options file)", name)
                    .allMatch(option -> option.matches("-XX:(Max|Initial)RAMPercentage=[0-9.]+"));
            var matcher = MAX_RAM.matcher(options);
            assertThat(matcher.find())
                    .as("%s: -XX:MaxRAMPercentage in %s", name, options)
                    .isTrue();
            double share = Double.parseDouble(matcher.group(1)) / 100;

            var limit = Quantity.getAmountInBytes(
                            container(deployment).getResources().getLimits().get("memory"))
                    .longValueExact();
            var file = JvmOptionsFile.of(name);
            long heap = (long) (limit * share);
            long ceilings = file.requiredBytes("MaxMetaspaceSize")
                    + file.requiredBytes("ReservedCodeCacheSize")
                    + file.requiredBytes("MaxDirectMemorySize");
            assertThat(heap + ceilings + UNCAPPED_NATIVE)
                    .as(
                            "%s: heap %d MiB (%s%% of %d MiB) + metaspace, code cache and direct ceilings %d MiB"
                                    + " + %d MiB uncapped must fit the limit",
                            name, heap >> 20, matcher.group(1), limit >> 20, ceilings >> 20, UNCAPPED_NATIVE >> 20)
                    .isLessThanOrEqualTo(limit);
            assertThat(heap)
                    .as("%s: a pod's heap is at least the -Xmx the service is measured with (%s)", name, file.path())
                    .isGreaterThanOrEqualTo(file.requiredBytes("-Xmx"));
        }
    }

    @Test
    void sizesAreReadAsTheJvmReadsThem() {
        assertThat(JvmOptionsFile.parseSize("512k")).isEqualTo(512L << 10);
        assertThat(JvmOptionsFile.parseSize("128m")).isEqualTo(128L << 20);
        assertThat(JvmOptionsFile.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(JvmOptionsFile.parseSize("4096")).isEqualTo(4096);
    }
}
