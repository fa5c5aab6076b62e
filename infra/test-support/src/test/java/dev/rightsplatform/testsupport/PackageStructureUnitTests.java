package dev.rightsplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks on small fixture packages (under {@code fixture}), each with one kind of fault or none. */
class PackageStructureUnitTests {

    private static final String FIXTURE = "dev.rightsplatform.testsupport.fixture.";

    @TempDir
    Path dir;

    private static PackageStructure fixture(String name) {
        return PackageStructure.of(FIXTURE + name, ImportOption.Predefined.ONLY_INCLUDE_TESTS);
    }

    @Test
    void aStructureWithoutFaultsPasses() {
        assertThatCode(() -> fixture("clean").verify()).doesNotThrowAnyException();
    }

    @Test
    void aCycleBetweenFeaturesFailsNamingBothDirections() {
        assertThatThrownBy(() -> fixture("cycle").verify())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("feature cycle between [billing, orders]")
                .hasMessageContaining("billing -> orders")
                .hasMessageContaining("orders -> billing");
    }

    @Test
    void anAllowedEdgeBreaksTheCycleButAStaleAllowanceFails() {
        assertThatCode(() ->
                        fixture("cycle").allowing("billing", "orders", "known").verify())
                .doesNotThrowAnyException();
        assertThatThrownBy(() ->
                        fixture("clean").allowing("billing", "orders", "known").verify())
                .hasMessageContaining("allowed dependency billing -> orders (known) no longer exists");
    }

    @Test
    void aFeatureReachingIntoAnotherFeaturesSubPackageFails() {
        assertThatThrownBy(() -> fixture("reach").verify())
                .hasMessageContaining("reach into the internals of feature billing: orders -> billing.ledger")
                .hasMessageContaining("1 package-structure problem(s)");
    }

    @Test
    void aPackageWithoutNullMarkedFails() {
        assertThatThrownBy(() -> fixture("unmarked").verify())
                .hasMessageContaining("package " + FIXTURE + "unmarked is not @NullMarked");
    }

    @Test
    void theDiagramShowsTheFeaturesAndTheKnownCyclesDotted() {
        assertThat(fixture("clean").mermaidDiagram()).isEqualTo("```mermaid\nflowchart LR\n  orders --> billing\n```");
        assertThat(fixture("cycle").allowing("billing", "orders", "known").mermaidDiagram())
                .contains("  billing -. known cycle .-> orders\n", "  orders --> billing\n");
    }

    @Test
    void aReadmeWhoseDiagramDiffersFailsAndOneThatMatchesPasses() throws Exception {
        var readme = dir.resolve("README.md");
        Files.writeString(
                readme, "# x\n" + PackageStructure.DIAGRAM_BEGIN + "\nold\n" + PackageStructure.DIAGRAM_END + "\n");
        assertThatThrownBy(() -> fixture("clean").verifyDiagramIn(readme))
                .hasMessageContaining("the package diagram is not the one the code has");
        Files.writeString(
                readme,
                "# x\n" + PackageStructure.DIAGRAM_BEGIN + "\n"
                        + fixture("clean").mermaidDiagram() + "\n" + PackageStructure.DIAGRAM_END + "\n");
        assertThatCode(() -> fixture("clean").verifyDiagramIn(readme)).doesNotThrowAnyException();
    }
}
