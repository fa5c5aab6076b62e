package dev.rightsplatform.rights.delivery.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory bound of a large export (issue 5): a 200 MB part goes through the whole path (intake, archive, download
 * and check against the manifest) in a JVM whose heap is 64 MB. Anything that held the part, the archive or a file
 * of it whole would end that JVM with an OutOfMemoryError. The child logs its figures (sizes, time per stage, the
 * heap at its fullest and the most that survived a collection, see {@link HeapWatch}); this test relays and checks
 * them.
 */
class LargeExportMemoryIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(LargeExportMemoryIntegrationTests.class);
    private static final long PART_BYTES = 200L * 1024 * 1024;
    private static final int HEAP_MB = 64;
    private static final Pattern FIGURE = Pattern.compile("(\\w+)=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void a200MbExportGoesThroughA64MbHeap() throws Exception {
        Path output = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(
                java,
                "-Xmx" + HEAP_MB + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                LargeExportRun.class.getName(),
                dir.resolve("store").toString(),
                Long.toString(PART_BYTES));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = child.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(output);
        lines.stream()
                .filter(line -> line.contains("figures:") || line.contains("ERROR") || line.contains("Memory"))
                .forEach(line -> log.info("child: {}", line));

        assertThat(finished).as("the run finished within 240 s").isTrue();
        assertThat(lines).noneMatch(line -> line.contains("OutOfMemoryError"));
        assertThat(child.exitValue())
                .as("exit code (3: out of memory, 2: a check failed)")
                .isZero();
        Map<String, Long> figures = figures(lines);
        assertThat(figures.get("partBytes")).isGreaterThanOrEqualTo(PART_BYTES);
        assertThat(figures.get("archiveBytes")).isGreaterThan(200L * 1000 * 1000);
        // bulk.json, bulk/events.csv, small.json (nested: no CSV), index.html; the manifest itself not
        assertThat(figures.get("verifiedFiles")).isEqualTo(4).isEqualTo(figures.get("archiveFiles") - 1);
        assertThat(figures.get("maxHeapMb")).isLessThanOrEqualTo(HEAP_MB);
        // what survived collections (measured: about 25 MB, the JVM's own share included) stays well inside the heap
        assertThat(figures.get("peakLiveMb")).isLessThanOrEqualTo(HEAP_MB * 3 / 4);
    }

    private static Map<String, Long> figures(List<String> lines) {
        String line = lines.stream()
                .filter(l -> l.contains("figures:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the child logged no figures"));
        Map<String, Long> figures = new HashMap<>();
        Matcher matcher = FIGURE.matcher(line.substring(line.indexOf("figures:")));
        while (matcher.find()) {
            figures.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return figures;
    }
}
