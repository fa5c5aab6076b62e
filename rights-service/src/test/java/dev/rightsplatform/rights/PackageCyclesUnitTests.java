package dev.rightsplatform.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No cycle between the service's feature packages: every reference one package's source makes to another's class (an
 * import or a qualified name) is an edge, and the graph must have no path back. Read from the sources, so it needs no
 * library; a stricter check of what each package exposes belongs to a module verification.
 */
class PackageCyclesUnitTests {

    private static final Path ROOT = Path.of("src/main/java/dev/rightsplatform/rights");
    private static final Pattern REFERENCE = Pattern.compile("dev\\.rightsplatform\\.rights\\.([a-z]+)\\.[A-Z]");

    @Test
    void noFeaturePackageDependsOnItselfThroughAnother() throws IOException {
        var edges = dependencies();
        var cycles = new TreeSet<String>();
        for (var from : edges.keySet()) {
            for (var to : edges.get(from)) {
                var path = pathBetween(edges, to, from);
                if (path != null) {
                    var cycle = new ArrayList<String>();
                    cycle.add(from);
                    cycle.addAll(path);
                    cycles.add(String.join(" -> ", cycle));
                }
            }
        }
        assertThat(edges).as("the sources were found").containsKey("lifecycle");
        assertThat(cycles).as("package cycles").isEmpty();
    }

    private static Map<String, Set<String>> dependencies() throws IOException {
        var edges = new HashMap<String, Set<String>>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var relative = ROOT.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class and configuration at the root
                }
                var from = relative.getName(0).toString();
                var matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        edges.computeIfAbsent(from, k -> new HashSet<>()).add(matcher.group(1));
                    }
                }
            }
        }
        return edges;
    }

    /** A path from {@code start} to {@code target} (both included), or null. */
    private static List<String> pathBetween(Map<String, Set<String>> edges, String start, String target) {
        var seen = new HashSet<String>();
        var stack = new ArrayList<List<String>>();
        stack.add(List.of(start));
        while (!stack.isEmpty()) {
            var path = stack.remove(stack.size() - 1);
            var last = path.get(path.size() - 1);
            if (last.equals(target)) {
                return path;
            }
            if (seen.add(last)) {
                for (var next : edges.getOrDefault(last, Set.of())) {
                    var longer = new ArrayList<>(path);
                    longer.add(next);
                    stack.add(longer);
                }
            }
        }
        return null;
    }
}
