package dev.rightsplatform.portal;

import dev.rightsplatform.testsupport.PackageStructure;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of the portal, checked: no package cycle, no feature reaching into another's sub-packages,
 * and the package diagram in the README drawn from the code.
 */
class ArchitectureUnitTests {

    private final PackageStructure structure = PackageStructure.of("dev.rightsplatform.portal");

    @Test
    void noPackageCycleAndNoReachIntoAnotherFeaturesInternals() {
        structure.verify();
    }

    @Test
    void theReadmeShowsThePackageDiagramOfTheCode() throws IOException {
        structure.verifyDiagramIn(Path.of("README.md"));
    }
}
