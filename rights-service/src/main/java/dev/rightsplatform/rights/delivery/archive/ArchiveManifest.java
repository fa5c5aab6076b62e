package dev.rightsplatform.rights.delivery.archive;

import dev.rightsplatform.rights.delivery.collection.PartDocuments;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JsonGenerator;

/**
 * {@code manifest.json}: the request, when the archive was generated, each system with its categories, record
 * counts and CSV file, and every other file of the archive with its size and SHA-256.
 *
 * <pre>{@code
 * {"format": "rights-platform-export/1", "requestId": "...", "generatedAt": "2026-11-28T20:00:00Z",
 *  "systems": [{"systemId": "crm", "file": "systems/crm.json", "records": 3,
 *               "categories": [{"name": "profile", "records": 3, "csv": "systems/crm/profile.csv"}]}],
 *  "files": [{"path": "systems/crm.json", "size": 1234, "sha256": "..."}]}
 * }</pre>
 */
final class ArchiveManifest {

    static final String PATH = "manifest.json";
    static final String FORMAT = "rights-platform-export/1";

    private ArchiveManifest() {}

    static void write(
            PartDocuments documents,
            OutputStream out,
            UUID requestId,
            Instant generatedAt,
            List<SystemContents> systems,
            List<ArchiveFile> files) {
        try (JsonGenerator json = documents.generator(out)) {
            json.writeStartObject();
            json.writeStringProperty("format", FORMAT);
            json.writeStringProperty("requestId", requestId.toString());
            json.writeStringProperty("generatedAt", generatedAt.toString());
            json.writeArrayPropertyStart("systems");
            for (SystemContents system : systems) {
                json.writeStartObject();
                json.writeStringProperty("systemId", system.systemId());
                json.writeStringProperty("file", system.jsonPath());
                json.writeNumberProperty("records", system.records());
                json.writeArrayPropertyStart("categories");
                for (CategoryScan.Category category : system.categories()) {
                    json.writeStartObject();
                    json.writeStringProperty("name", category.name);
                    json.writeNumberProperty("records", category.records);
                    json.writeStringProperty(
                            "csv", category.hasCsv() ? CsvPass.path(system.systemId(), category.name) : null);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayPropertyStart("files");
            for (ArchiveFile file : files) {
                json.writeStartObject();
                json.writeStringProperty("path", file.path());
                json.writeNumberProperty("size", file.size());
                json.writeStringProperty("sha256", file.sha256());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
