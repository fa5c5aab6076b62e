package dev.rightsplatform.testsupport;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The package structure of one service, read from its compiled main classes (ArchUnit's importer; tests are left
 * out), and the checks every service's architecture test makes:
 *
 * <ul>
 *   <li>no package cycle: neither between features (the packages right under the root, each with its sub-packages)
 *       nor between any two packages;
 *   <li>no reach into another feature's internals: a feature's sub-packages are used only by that feature; other
 *       features go through its top-level package, its door;
 *   <li>every package declares {@code @NullMarked} (JSpecify) in its {@code package-info.java};
 *   <li>the package diagram in the module's README is the one this structure draws (mermaid), so it cannot drift.
 * </ul>
 *
 * A known, temporary exception is an {@link #allowing allowed dependency}: one edge from one package to another,
 * with the reason. An allowed edge that no longer exists fails too, so the exception is removed with its cause.
 */
public final class PackageStructure {

    /** Set to {@code true} to rewrite the README's diagram instead of failing on a difference. */
    public static final String WRITE_DIAGRAM = "architecture.write-diagram";

    static final String DIAGRAM_BEGIN = "<!-- package-diagram:begin (drawn by the architecture test; do not edit) -->";
    static final String DIAGRAM_END = "<!-- package-diagram:end -->";

    private static final String NULL_MARKED = "org.jspecify.annotations.NullMarked";

    private final String root;
    private final List<Dependency> dependencies;
    private final List<String> packagesNotNullMarked;
    private final Map<Edge, String> allowed;

    private PackageStructure(
            String root, List<Dependency> dependencies, List<String> packagesNotNullMarked, Map<Edge, String> allowed) {
        this.root = root;
        this.dependencies = dependencies;
        this.packagesNotNullMarked = packagesNotNullMarked;
        this.allowed = allowed;
    }

    /** The main classes under {@code rootPackage}, as compiled (from {@code target/classes}, not from jars). */
    public static PackageStructure of(String rootPackage) {
        return of(rootPackage, ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    }

    /** The classes under {@code rootPackage} that {@code option} lets in (PackageStructure's own tests read theirs). */
    static PackageStructure of(String rootPackage, ImportOption option) {
        var classes = new ClassFileImporter()
                .withImportOption(option)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new IllegalStateException("no compiled main class under " + rootPackage);
        }
        var dependencies = new ArrayList<Dependency>();
        for (JavaClass origin : classes) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                var target = packageOf(dependency.getTargetClass());
                if (inside(rootPackage, target) && !target.equals(origin.getPackageName())) {
                    dependencies.add(dependency);
                }
            }
        }
        var notNullMarked = classes.stream()
                .map(JavaClass::getPackageName)
                .distinct()
                .filter(name -> !classes.getPackage(name).isAnnotatedWith(NULL_MARKED))
                .sorted()
                .toList();
        return new PackageStructure(rootPackage, dependencies, notNullMarked, Map.of());
    }

    /**
     * The same structure with one dependency allowed although it closes a cycle or reaches into internals: from the
     * package {@code from} to the package {@code to}, both relative to the root ({@code "request"},
     * {@code "connector.keycloak"}).
     */
    public PackageStructure allowing(String from, String to, String reason) {
        var more = new LinkedHashMap<>(allowed);
        more.put(new Edge(from, to), reason);
        return new PackageStructure(root, dependencies, packagesNotNullMarked, more);
    }

    /**
     * Fails on every package cycle, every reach into another feature's internals, every package without
     * {@code @NullMarked}, and on a stale allowance.
     */
    public void verify() {
        var problems = new ArrayList<String>();
        problems.addAll(staleAllowances());
        problems.addAll(cycles("feature", this::featureOf));
        problems.addAll(cycles("package", Function.identity()));
        problems.addAll(reachesIntoInternals());
        packagesNotNullMarked.forEach(name -> problems.add("package " + name
                + " is not @NullMarked: declare it in its package-info.java (and mark what may be null @Nullable)"));
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " package-structure problem(s) under " + root + ":\n\n"
                    + String.join("\n\n", problems));
        }
    }

    /**
     * The features (and the classes right in the root package, as {@code (root)}) and the dependencies between them,
     * as a mermaid flowchart; edges of allowed cycles are dotted.
     */
    public String mermaidDiagram() {
        var edges = new TreeSet<Edge>();
        for (var dependency : dependencies) {
            var from = featureOf(relative(dependency.getOriginClass().getPackageName()));
            var to = featureOf(relative(packageOf(dependency.getTargetClass())));
            if (!from.equals(to)) {
                edges.add(new Edge(from, to));
            }
        }
        var out = new StringBuilder("```mermaid\nflowchart LR\n");
        for (var edge : edges) {
            var known = allowed.keySet().stream()
                    .anyMatch(a -> featureOf(a.from()).equals(edge.from())
                            && featureOf(a.to()).equals(edge.to()));
            out.append("  ")
                    .append(node(edge.from()))
                    .append(known ? " -. known cycle .-> " : " --> ")
                    .append(node(edge.to()))
                    .append('\n');
        }
        return out.append("```").toString();
    }

    /**
     * Checks that {@code readme} shows {@link #mermaidDiagram()} between its diagram markers; with the system property
     * {@value #WRITE_DIAGRAM} set to true, writes it there instead.
     */
    public void verifyDiagramIn(Path readme) throws IOException {
        var text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(DIAGRAM_BEGIN);
        int end = text.indexOf(DIAGRAM_END);
        if (begin < 0 || end < begin) {
            throw new AssertionError(readme + " has no package diagram: put the lines\n" + DIAGRAM_BEGIN + "\n"
                    + DIAGRAM_END + "\nwhere it belongs and run the test with -D" + WRITE_DIAGRAM + "=true");
        }
        var expected = DIAGRAM_BEGIN + "\n" + mermaidDiagram() + "\n";
        var actual = text.substring(begin, end);
        if (actual.equals(expected)) {
            return;
        }
        if (Boolean.getBoolean(WRITE_DIAGRAM)) {
            Files.writeString(
                    readme, text.substring(0, begin) + expected + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        throw new AssertionError(readme + ": the package diagram is not the one the code has. Run the test with -D"
                + WRITE_DIAGRAM + "=true to redraw it; it should read:\n" + expected);
    }

    private List<String> staleAllowances() {
        var present = dependencies.stream()
                .map(d -> new Edge(
                        relative(d.getOriginClass().getPackageName()), relative(packageOf(d.getTargetClass()))))
                .collect(Collectors.toSet());
        return allowed.keySet().stream()
                .filter(edge -> !present.contains(edge))
                .map(edge -> "allowed dependency " + edge + " (" + allowed.get(edge)
                        + ") no longer exists: remove it from the test's list of allowances")
                .toList();
    }

    /** Strongly connected groups of more than one node, after leaving out the allowed edges. */
    private List<String> cycles(String level, Function<String, String> node) {
        var graph = new TreeMap<String, Set<String>>();
        var examples = new HashMap<Edge, String>();
        for (var dependency : dependencies) {
            var fromPackage = relative(dependency.getOriginClass().getPackageName());
            var toPackage = relative(packageOf(dependency.getTargetClass()));
            if (allowed.containsKey(new Edge(fromPackage, toPackage))) {
                continue;
            }
            var from = node.apply(fromPackage);
            var to = node.apply(toPackage);
            if (from.equals(to)) {
                continue;
            }
            graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            graph.computeIfAbsent(to, k -> new TreeSet<>());
            examples.putIfAbsent(new Edge(from, to), dependency.getDescription());
        }
        var problems = new ArrayList<String>();
        for (var group : new StronglyConnected(graph).groups()) {
            var lines = new StringBuilder(level + " cycle between "
                    + group.stream().map(this::display).toList() + ":");
            for (var from : group) {
                for (var to : graph.get(from)) {
                    if (group.contains(to)) {
                        lines.append("\n  ")
                                .append(display(from))
                                .append(" -> ")
                                .append(display(to))
                                .append(", e.g. ")
                                .append(examples.get(new Edge(from, to)));
                    }
                }
            }
            problems.add(lines.toString());
        }
        return problems;
    }

    private List<String> reachesIntoInternals() {
        var problems = new TreeMap<Edge, String>();
        for (var dependency : dependencies) {
            var from = relative(dependency.getOriginClass().getPackageName());
            var to = relative(packageOf(dependency.getTargetClass()));
            var edge = new Edge(from, to);
            if (to.contains(".") && !featureOf(from).equals(featureOf(to)) && !allowed.containsKey(edge)) {
                problems.putIfAbsent(edge, dependency.getDescription());
            }
        }
        return problems.entrySet().stream()
                .map(e -> "reach into the internals of feature "
                        + featureOf(e.getKey().to()) + ": " + display(e.getKey().from()) + " -> "
                        + e.getKey().to() + ", e.g. " + e.getValue())
                .toList();
    }

    /** A mermaid node: the feature's name, or the root package's classes as {@code (root)}. */
    private static String node(String feature) {
        return feature.isEmpty() ? "root[\"(root)\"]" : feature;
    }

    private String relative(String packageName) {
        return packageName.equals(root) ? "" : packageName.substring(root.length() + 1);
    }

    private String display(String relativePackage) {
        return relativePackage.isEmpty() ? "(root)" : relativePackage;
    }

    private String featureOf(String relativePackage) {
        int dot = relativePackage.indexOf('.');
        return dot < 0 ? relativePackage : relativePackage.substring(0, dot);
    }

    private static String packageOf(JavaClass target) {
        return target.getBaseComponentType().getPackageName();
    }

    private static boolean inside(String root, String packageName) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }

    /** A dependency between two packages (or features), relative to the root. */
    record Edge(String from, String to) implements Comparable<Edge> {

        @Override
        public int compareTo(Edge other) {
            int byFrom = from.compareTo(other.from);
            return byFrom != 0 ? byFrom : to.compareTo(other.to);
        }

        @Override
        public String toString() {
            return (from.isEmpty() ? "(root)" : from) + " -> " + (to.isEmpty() ? "(root)" : to);
        }
    }
}
