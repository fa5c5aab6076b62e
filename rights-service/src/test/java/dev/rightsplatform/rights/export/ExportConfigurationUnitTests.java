package dev.rightsplatform.rights.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The beans and their settings as Spring binds them; a missing or short master key stops the start, naming it. */
class ExportConfigurationUnitTests {

    @TempDir
    Path dir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, StorageConfiguration.class, CollectedParts.class,
                    ExportArchives.class, AccessView.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StorageProperties.class, CollectionProperties.class, ExportProperties.class})
    static class Settings {
    }

    @Test
    void theComponentsStartWithAKeyAndADirectory() {
        context.withPropertyValues("rights.storage.directory=" + dir, "rights.storage.master-key="
                        + FileSystemEncryptedStoreUnitTests.newMasterKey(), "rights.collections.max-bytes=10MB",
                        "rights.export.compression-level=1")
                .run(started -> {
                    assertThat(started).hasNotFailed().hasSingleBean(EncryptedStore.class)
                            .hasSingleBean(CollectedParts.class).hasSingleBean(ExportArchives.class)
                            .hasSingleBean(AccessView.class);
                    assertThat(started.getBean(CollectionProperties.class).maxBytes()).isEqualTo(DataSize.ofMegabytes(10));
                    assertThat(started.getBean(CollectionProperties.class).maxValueChars()).isEqualTo(1_000_000);
                    assertThat(started.getBean(ExportProperties.class).compressionLevel()).isEqualTo(1);
                });
    }

    @Test
    void withoutAMasterKeyTheStartFailsNamingTheSetting() {
        context.withPropertyValues("rights.storage.directory=" + dir).run(started ->
                assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("rights.storage.master-key is required"));
    }

    @Test
    void aShortMasterKeyStopsTheStart() {
        context.withPropertyValues("rights.storage.directory=" + dir, "rights.storage.master-key=c2hvcnQ=")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("rights.storage.master-key must decode to 32 bytes"));
    }

    @Test
    void aDirectoryThatCannotBeWrittenStopsTheStart() throws Exception {
        Path file = java.nio.file.Files.createFile(dir.resolve("a-file"));
        context.withPropertyValues("rights.storage.directory=" + file, "rights.storage.master-key="
                        + FileSystemEncryptedStoreUnitTests.newMasterKey())
                .run(started -> assertThat(started).hasFailed().getFailure()
                        .hasStackTraceContaining("rights.storage.directory " + file + " is not a writable directory"));
    }
}
