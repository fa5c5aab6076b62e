package dev.rightsplatform.rights.delivery.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.delivery.collection.CollectionProperties;
import dev.rightsplatform.rights.delivery.collection.PartRef;
import dev.rightsplatform.rights.delivery.collection.SampleParts;
import dev.rightsplatform.rights.delivery.store.EncryptedStore;
import dev.rightsplatform.rights.delivery.store.FileSystemEncryptedStore;
import dev.rightsplatform.rights.delivery.store.MasterKeys;
import dev.rightsplatform.rights.delivery.store.NoSuchObjectException;
import dev.rightsplatform.rights.delivery.store.ObjectKeys;
import dev.rightsplatform.rights.delivery.store.StorageProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The export archive from three stored parts, opened, unzipped and checked file by file against its manifest. */
class ExportArchivesUnitTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private EncryptedStore store;
    private CollectedParts parts;
    private ExportArchives archives;
    private final UUID requestId = UUID.randomUUID();
    private final Instant generatedAt = Instant.parse("2026-11-28T20:15:30Z");
    private List<PartRef> sources;

    @BeforeEach
    void storeThreeParts() throws IOException {
        store = new FileSystemEncryptedStore(new StorageProperties(dir, MasterKeys.newMasterKey()));
        parts = new CollectedParts(store, CollectionProperties.defaults());
        archives = new ExportArchives(store, parts, ExportProperties.defaults());
        sources = List.of(
                part("crm", SampleParts.CRM), part("orders", SampleParts.ORDERS), part("tickets", SampleParts.TICKETS));
    }

    @Test
    void everyFileMatchesTheManifest() throws Exception {
        ArchiveSummary summary = archives.build(requestId, generatedAt, sources);

        Map<String, byte[]> files = unzip();
        JsonNode manifest = json.readTree(files.get("manifest.json"));
        assertThat(files.keySet())
                .containsExactly(
                        "systems/crm.json",
                        "systems/crm/profile.csv",
                        "systems/orders.json",
                        "systems/orders/orders.csv",
                        "systems/tickets.json",
                        "systems/tickets/tickets.csv",
                        "index.html",
                        "manifest.json");
        assertThat(manifest.get("files")).hasSize(files.size() - 1);
        for (JsonNode file : manifest.get("files")) {
            byte[] content = files.get(file.get("path").asString());
            assertThat(content).as(file.get("path").asString()).isNotNull();
            assertThat(file.get("size").asLong()).isEqualTo(content.length);
            assertThat(file.get("sha256").asString()).isEqualTo(sha256(content));
        }
        assertThat(manifest.get("requestId").asString()).isEqualTo(requestId.toString());
        assertThat(manifest.get("generatedAt").asString()).isEqualTo("2026-11-28T20:15:30Z");
        assertThat(manifest.get("systems").findValuesAsString("systemId")).containsExactly("crm", "orders", "tickets");
        JsonNode orderCategories = manifest.get("systems").get(1).get("categories");
        assertThat(orderCategories.get(0).get("csv").asString()).isEqualTo("systems/orders/orders.csv");
        assertThat(orderCategories.get(1).get("name").asString()).isEqualTo("order items");
        assertThat(orderCategories.get(1).get("records").asLong()).isEqualTo(2);
        assertThat(orderCategories.get(1).get("csv").isNull()).isTrue();
        JsonNode ticketCategories = manifest.get("systems").get(2).get("categories");
        assertThat(ticketCategories.findValuesAsString("name")).containsExactly("tickets", "none", "blank");
        assertThat(ticketCategories.get(2).get("records").asLong()).isEqualTo(2);
        assertThat(ticketCategories.get(1).get("csv").isNull()).isTrue();
        assertThat(ticketCategories.get(2).get("csv").isNull()).isTrue();

        assertThat(summary.files()).isEqualTo(8);
        assertThat(summary.records()).isEqualTo(11);
        try (InputStream in = archives.open(requestId)) {
            byte[] zip = in.readAllBytes();
            assertThat(zip.length).isEqualTo(summary.size()).isEqualTo(archives.size(requestId));
            assertThat(sha256(zip)).isEqualTo(summary.sha256());
        }
    }

    @Test
    void eachSystemsJsonIsItsPartAsSent() throws Exception {
        archives.build(requestId, generatedAt, sources);

        Map<String, byte[]> files = unzip();
        assertThat(new String(files.get("systems/crm.json"), StandardCharsets.UTF_8))
                .isEqualTo(SampleParts.CRM);
        assertThat(new String(files.get("systems/orders.json"), StandardCharsets.UTF_8))
                .isEqualTo(SampleParts.ORDERS);
    }

    @Test
    void csvHasTheUnionOfFieldsQuotedAndFormulasDefused() throws Exception {
        archives.build(requestId, generatedAt, sources);

        Map<String, byte[]> files = unzip();
        String profile = new String(files.get("systems/crm/profile.csv"), StandardCharsets.UTF_8);
        assertThat(profile)
                .startsWith("name,email,city,note,age\r\n")
                .contains("\"O'Brien, \"\"Jr\"\"\"", "\"two\nlines\"");
        List<CSVRecord> rows = csv(profile);
        assertThat(rows.get(0).values()).containsExactly("<script>alert(1)</script>", "li@example.test", "北京", "", "");
        assertThat(rows.get(1).values()).containsExactly("O'Brien, \"Jr\"", "", "", "two\nlines", "44");

        List<CSVRecord> tickets = csv(new String(files.get("systems/tickets/tickets.csv"), StandardCharsets.UTF_8));
        assertThat(tickets.get(0).values()).containsExactly("'=HYPERLINK(\"http://evil.test\",\"x\")", "'@admin", "-5");
        assertThat(tickets.get(1).values()).containsExactly("'+1 555", "'-me", "3");
        assertThat(tickets.get(2).values()).containsExactly("plain", "'\tTab", "0");

        List<CSVRecord> orders = csv(new String(files.get("systems/orders/orders.csv"), StandardCharsets.UTF_8));
        assertThat(orders.get(0).values()).containsExactly("1", "12.50", "");
        assertThat(orders.get(1).values()).containsExactly("2", "-3", "SAVE10");
    }

    @Test
    void theIndexEscapesEveryValueAndLoadsNothing() throws Exception {
        archives.build(requestId, generatedAt, sources);

        String index = new String(unzip().get("index.html"), StandardCharsets.UTF_8);
        assertThat(index)
                .contains(
                        "&lt;script&gt;alert(1)&lt;/script&gt;",
                        "O&#39;Brien, &quot;Jr&quot;",
                        "北京",
                        "2026-11-28T20:15:30Z",
                        "Your data export",
                        "您的数据导出",
                        "order items",
                        "<a href=\"systems/tickets/tickets.csv\">")
                .doesNotContain("<script", "href=\"http", "src=", "<link");
        assertThat(index).contains("default-src 'none'");
    }

    @Test
    void theArchiveIsEncryptedAtRestAndGoneWhenDeleted() throws Exception {
        archives.build(requestId, generatedAt, sources);
        byte[] stored = Files.readAllBytes(dir.resolve(ObjectKeys.archive(requestId)));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("manifest.json", "systems/");

        assertThat(archives.delete(requestId)).isTrue();

        assertThat(archives.exists(requestId)).isFalse();
        assertThatThrownBy(() -> archives.open(requestId)).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void aMissingPartFailsTheBuildAndLeavesNoArchive() throws IOException {
        var missing = List.of(sources.get(0), new PartRef("billing", UUID.randomUUID()));

        assertThatThrownBy(() -> archives.build(requestId, generatedAt, missing))
                .isInstanceOf(NoSuchObjectException.class);
        assertThat(archives.exists(requestId)).isFalse();
    }

    private PartRef part(String systemId, String document) throws IOException {
        UUID taskId = UUID.randomUUID();
        parts.store(requestId, systemId, taskId, new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        return new PartRef(systemId, taskId);
    }

    private Map<String, byte[]> unzip() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var zip = new ZipInputStream(archives.open(requestId))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        return files;
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
