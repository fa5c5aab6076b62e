package dev.rightsplatform.rights.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.delivery.access.AccessView;
import dev.rightsplatform.rights.delivery.archive.ExportArchives;
import dev.rightsplatform.rights.delivery.archive.ExportProperties;
import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.delivery.collection.CollectionProperties;
import dev.rightsplatform.rights.delivery.store.EncryptedStore;
import dev.rightsplatform.rights.delivery.store.FileSystemEncryptedStore;
import dev.rightsplatform.rights.delivery.store.MasterKeys;
import dev.rightsplatform.rights.delivery.store.StorageConfiguration;
import dev.rightsplatform.rights.delivery.store.StorageProperties;
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
            .withUserConfiguration(
                    Settings.class,
                    StorageConfiguration.class,
                    CollectedParts.class,
                    ExportArchives.class,
                    AccessView.class);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StorageProperties.class, CollectionProperties.class, ExportProperties.class})
    static class Settings {}

    @Test
    void theComponentsStartWithAKeyAndADirectory() {
        context.withPropertyValues(
                        "rights.storage.directory=" + dir,
                        "rights.storage.master-key=" + MasterKeys.newMasterKey(),
                        "rights.collections.max-bytes=10MB",
                        "rights.export.compression-level=1")
                .run(started -> {
                    assertThat(started)
                            .hasNotFailed()
                            .hasSingleBean(EncryptedStore.class)
                            .hasSingleBean(CollectedParts.class)
                            .hasSingleBean(ExportArchives.class)
                            .hasSingleBean(AccessView.class);
                    // the file system store unless rights.storage.type says s3
                    assertThat(started.getBean(EncryptedStore.class)).isInstanceOf(FileSystemEncryptedStore.class);
                    assertThat(started.getBean(CollectionProperties.class).maxBytes())
                            .isEqualTo(DataSize.ofMegabytes(10));
                    assertThat(started.getBean(CollectionProperties.class).maxValueChars())
                            .isEqualTo(1_000_000);
                    assertThat(started.getBean(ExportProperties.class).compressionLevel())
                            .isEqualTo(1);
                });
    }

    @Test
    void withoutAMasterKeyTheStartFailsNamingTheSetting() {
        context.withPropertyValues("rights.storage.directory=" + dir)
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("rights.storage.master-key is required"));
    }

    @Test
    void aShortMasterKeyStopsTheStart() {
        context.withPropertyValues("rights.storage.directory=" + dir, "rights.storage.master-key=c2hvcnQ=")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("rights.storage.master-key must decode to 32 bytes"));
    }

    @Test
    void aDirectoryThatCannotBeWrittenStopsTheStart() throws Exception {
        Path file = java.nio.file.Files.createFile(dir.resolve("a-file"));
        context.withPropertyValues(
                        "rights.storage.directory=" + file, "rights.storage.master-key=" + MasterKeys.newMasterKey())
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("rights.storage.directory " + file + " is not a writable directory"));
    }

    @Test
    void theS3TypeWithoutABucketStopsTheStartNamingTheSetting() {
        context.withPropertyValues(
                        "rights.storage.type=s3",
                        "rights.storage.master-key=" + MasterKeys.newMasterKey(),
                        "rights.storage.s3.bucket=")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("rights.storage.type is s3, but rights.storage.s3.bucket "
                                + "(RIGHTS_STORAGE_S3_BUCKET) is not set"));
    }

    @Test
    void badS3SettingsStopTheStartNamingThem() {
        var base = new String[] {
            "rights.storage.type=s3",
            "rights.storage.s3.bucket=b",
            "rights.storage.master-key=" + MasterKeys.newMasterKey()
        };
        context.withPropertyValues(base)
                .withPropertyValues("rights.storage.s3.part-size=1MB")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("rights.storage.s3.part-size must be from 5MB to 512MB"));
        context.withPropertyValues(base)
                .withPropertyValues("rights.storage.s3.endpoint=minio:9000")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("rights.storage.s3.endpoint is not an http(s) URL"));
        context.withPropertyValues(base)
                .withPropertyValues("rights.storage.s3.prefix=../up")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("rights.storage.s3.prefix must be a folder"));
        context.withPropertyValues(base)
                .withPropertyValues("rights.storage.type=ftp")
                .run(started ->
                        assertThat(started).hasFailed().getFailure().hasStackTraceContaining("rights.storage.type"));
    }
}
