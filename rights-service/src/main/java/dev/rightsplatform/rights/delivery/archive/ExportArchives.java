package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.delivery.collection.PartRef;
import dev.rightsplatform.rights.delivery.store.EncryptedStore;
import dev.rightsplatform.rights.delivery.store.ObjectKeys;
import dev.rightsplatform.rights.delivery.store.StoreWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The export archive of a request: one zip, stored encrypted under {@code archives/<requestId>.zip}, holding
 *
 * <ul>
 *   <li>{@code systems/<systemId>.json}: each system's part document, as the worker uploaded it;</li>
 *   <li>{@code systems/<systemId>/<category>.csv}: each category whose records are all flat objects of scalar
 *       values (see {@link CsvCells});</li>
 *   <li>{@code index.html}: a readable overview ({@link ArchiveIndex});</li>
 *   <li>{@code manifest.json}: systems, categories, counts, and every file's size and SHA-256
 *       ({@link ArchiveManifest}).</li>
 * </ul>
 *
 * Built streaming end to end: each part is decrypted and parsed while it is copied into the zip (first pass: copy,
 * find the categories fit for CSV and their columns), then read again for the CSV rows (second pass); the zip is
 * encrypted as it is written. Memory holds one record, the column names and the few records shown in the index.
 */
@Component
public class ExportArchives {

    private static final Logger log = LoggerFactory.getLogger(ExportArchives.class);

    private final EncryptedStore store;
    private final CollectedParts parts;
    private final ExportProperties properties;

    public ExportArchives(EncryptedStore store, CollectedParts parts, ExportProperties properties) {
        this.store = store;
        this.parts = parts;
        this.properties = properties;
    }

    /**
     * Builds (or builds again, replacing) a request's archive from its stored parts, in the order given. Blocks for
     * as long as it takes to read every part twice.
     *
     * @throws NoSuchObjectException when a part is not stored
     */
    public ArchiveSummary build(UUID requestId, Instant generatedAt, List<PartRef> sources) throws IOException {
        var systemIds = new HashSet<String>();
        sources.forEach(part -> {
            if (!systemIds.add(part.systemId())) {
                throw new IllegalArgumentException("two parts of system " + part.systemId());
            }
        });
        long started = System.nanoTime();
        String key = ObjectKeys.archive(requestId);
        try (StoreWriter out = store.create(key)) {
            var archive = new ArchiveWriter(out, properties.level(), generatedAt);
            var systems = new ArrayList<SystemContents>();
            for (PartRef part : sources) {
                systems.add(addSystem(archive, requestId, part));
            }
            try (Writer index = new OutputStreamWriter(archive.startFile(ArchiveIndex.PATH), StandardCharsets.UTF_8)) {
                ArchiveIndex.write(index, requestId, generatedAt, systems);
            }
            archive.endFile();
            List<ArchiveFile> files = archive.files();
            ArchiveManifest.write(
                    parts.documents(), archive.startFile(ArchiveManifest.PATH), requestId, generatedAt, systems, files);
            archive.endFile();
            ArchiveFile zip = archive.finish();
            out.commit();
            long records = systems.stream().mapToLong(SystemContents::records).sum();
            log.info(
                    "built the export archive of request {}: {} systems, {} records, {} files, {} bytes in {} ms",
                    requestId,
                    systems.size(),
                    records,
                    files.size() + 1,
                    zip.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return new ArchiveSummary(key, zip.size(), zip.sha256(), files.size() + 1, records);
        }
    }

    private SystemContents addSystem(ArchiveWriter archive, UUID requestId, PartRef part) throws IOException {
        String jsonPath = SystemContents.jsonPath(part.systemId());
        var scan = new CategoryScan(parts.documents(), properties.columnLimit(), properties.preview());
        OutputStream json = archive.startFile(jsonPath);
        try (InputStream in = new TeeInputStream(parts.open(requestId, part.taskId()), json)) {
            parts.documents().walk(in, scan);
            in.transferTo(OutputStream.nullOutputStream());
        }
        archive.endFile();
        List<CategoryScan.Category> categories = scan.categories();
        if (categories.stream().anyMatch(CategoryScan.Category::hasCsv)) {
            try (InputStream in = parts.open(requestId, part.taskId())) {
                parts.documents().walk(in, new CsvPass(archive, part.systemId(), categories));
            }
        }
        return new SystemContents(part.systemId(), jsonPath, categories);
    }

    /** Opens a request's archive for download: the plain zip, decrypted as it is read. Blocks. */
    public InputStream open(UUID requestId) throws IOException {
        return store.open(ObjectKeys.archive(requestId));
    }

    /** The size of a request's plain zip (for {@code Content-Length}). Blocks. */
    public long size(UUID requestId) throws IOException {
        return store.size(ObjectKeys.archive(requestId));
    }

    /** Whether a request's archive is stored. Blocks. */
    public boolean exists(UUID requestId) throws IOException {
        return store.exists(ObjectKeys.archive(requestId));
    }

    /** Deletes a request's archive and destroys its key; {@code false} when there was none. Blocks. */
    public boolean delete(UUID requestId) throws IOException {
        return store.delete(ObjectKeys.archive(requestId));
    }
}
