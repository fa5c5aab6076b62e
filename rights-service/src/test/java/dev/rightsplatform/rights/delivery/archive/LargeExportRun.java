package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.delivery.collection.CollectionProperties;
import dev.rightsplatform.rights.delivery.collection.PartRef;
import dev.rightsplatform.rights.delivery.collection.PartSummary;
import dev.rightsplatform.rights.delivery.store.FileSystemEncryptedStore;
import dev.rightsplatform.rights.delivery.store.Sha256;
import dev.rightsplatform.rights.delivery.store.StorageProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole export path on a generated part, run by {@link LargeExportMemoryIntegrationTests} in a JVM with a small
 * heap: the part streamed into {@link CollectedParts}, the archive built, then read back, unzipped and checked against
 * its manifest. Logs its figures (one line starting {@code figures:}) and exits 0 only when every check holds.
 *
 * <p>Arguments: the store's directory, the part's size in bytes.
 */
public final class LargeExportRun {

    private static final Logger log = LoggerFactory.getLogger(LargeExportRun.class);
    private static final String SMALL = """
            {"categories": {"profile": [{"name": "<script>", "address": {"city": "Shanghai"}}]}}""";

    private LargeExportRun() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        long partBytes = Long.parseLong(args[1]);
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        var store = new FileSystemEncryptedStore(
                new StorageProperties(directory, Base64.getEncoder().encodeToString(masterKey)));
        var parts = new CollectedParts(store, CollectionProperties.defaults());
        var archives = new ExportArchives(store, parts, ExportProperties.defaults());
        UUID requestId = UUID.randomUUID();
        UUID bulkTask = UUID.randomUUID();
        UUID smallTask = UUID.randomUUID();

        var heap = new HeapWatch();
        long started = System.nanoTime();
        PartSummary bulk = parts.store(requestId, "bulk", bulkTask, GeneratedPart.of(partBytes))
                .block();
        parts.store(requestId, "small", smallTask, new ByteArrayInputStream(SMALL.getBytes(StandardCharsets.UTF_8)));
        long stored = System.nanoTime();
        ArchiveSummary archive = archives.build(
                requestId, Instant.now(), List.of(new PartRef("bulk", bulkTask), new PartRef("small", smallTask)));
        long built = System.nanoTime();
        int verified = verify(archives, requestId, archive);
        long read = System.nanoTime();

        log.info(
                "figures: partBytes={} records={} archiveBytes={} archiveFiles={} verifiedFiles={} storeMs={} "
                        + "buildMs={} verifyMs={} maxHeapMb={} peakHeapMb={} peakLiveMb={} gcCount={} gcMs={}",
                bulk == null ? 0 : bulk.bytes(),
                archive.records(),
                archive.size(),
                archive.files(),
                verified,
                ms(stored - started),
                ms(built - stored),
                ms(read - built),
                Runtime.getRuntime().maxMemory() >> 20,
                heap.peakUsed() >> 20,
                heap.peakLive() >> 20,
                collectors()
                        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                        .sum(),
                collectors()
                        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                        .sum());
    }

    /** Reads the archive back: every file's size and SHA-256 against the manifest, the zip's against the summary. */
    private static int verify(ExportArchives archives, UUID requestId, ArchiveSummary archive) throws IOException {
        MessageDigest zipDigest = Sha256.digest();
        Map<String, String> actual = new HashMap<>();
        JsonNode manifest = null;
        try (var stored = new DigestInputStream(archives.open(requestId), zipDigest);
                var zip = new ZipInputStream(stored)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.getName().equals(ArchiveManifest.PATH)) {
                    manifest = JsonMapper.builder().build().readTree(zip.readAllBytes());
                    continue;
                }
                var digest = new DigestInputStream(zip, Sha256.digest());
                long size = digest.transferTo(java.io.OutputStream.nullOutputStream());
                actual.put(entry.getName(), size + ":" + Sha256.hex(digest.getMessageDigest()));
            }
            // the central directory, which the zip stream does not read
            stored.transferTo(java.io.OutputStream.nullOutputStream());
        }
        check(manifest != null, "the archive has a manifest");
        check(HexFormat.of().formatHex(zipDigest.digest()).equals(archive.sha256()), "the zip's SHA-256 matches");
        int verified = 0;
        for (JsonNode file : manifest.get("files")) {
            String expected =
                    file.get("size").asLong() + ":" + file.get("sha256").asString();
            check(expected.equals(actual.get(file.get("path").asString())), "manifest entry " + file.get("path"));
            verified++;
        }
        check(verified == actual.size(), "the manifest lists every file");
        return verified;
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            log.error("check failed: {}", what);
            System.exit(2);
        }
    }

    private static java.util.stream.Stream<GarbageCollectorMXBean> collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
