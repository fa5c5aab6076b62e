package dev.rightsplatform.rights.delivery.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.delivery.collection.CollectionProperties;
import dev.rightsplatform.rights.delivery.collection.PartRef;
import dev.rightsplatform.rights.delivery.collection.SampleParts;
import dev.rightsplatform.rights.delivery.store.FileSystemEncryptedStore;
import dev.rightsplatform.rights.delivery.store.MasterKeys;
import dev.rightsplatform.rights.delivery.store.StorageProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The access view: every system's data, grouped by system and category, as one streamed document. */
class AccessViewUnitTests {

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private CollectedParts parts;
    private AccessView view;
    private final UUID requestId = UUID.randomUUID();
    private List<PartRef> sources;

    @BeforeEach
    void storeThreeParts() throws IOException {
        var store = new FileSystemEncryptedStore(new StorageProperties(dir, MasterKeys.newMasterKey()));
        parts = new CollectedParts(store, CollectionProperties.defaults());
        view = new AccessView(parts);
        sources = List.of(
                part("crm", SampleParts.CRM), part("orders", SampleParts.ORDERS), part("tickets", SampleParts.TICKETS));
    }

    @Test
    void theDocumentGroupsEverySystemsRecordsByCategory() throws IOException {
        var out = new ByteArrayOutputStream();
        view.write(requestId, sources, out);

        String document = out.toString(StandardCharsets.UTF_8);
        JsonNode systems = json.readTree(document).get("systems");
        assertThat(systems.findValuesAsString("systemId")).containsExactly("crm", "orders", "tickets");
        assertThat(systems.get(0)
                        .get("categories")
                        .get("profile")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("<script>alert(1)</script>");
        assertThat(systems.get(1)
                        .get("categories")
                        .get("order items")
                        .get(0)
                        .get("items")
                        .get(0)
                        .get("sku")
                        .asString())
                .isEqualTo("A");
        assertThat(systems.get(2).get("categories").get("none")).isEmpty();
        // numbers as the system wrote them
        assertThat(document).contains("\"total\":12.50");
        assertThat(json.readTree(document).get("systems").get(1).get("categories"))
                .isEqualTo(json.readTree(SampleParts.ORDERS).get("categories"));
    }

    @Test
    void theStreamedFormIsTheSameDocument() throws IOException {
        var written = new ByteArrayOutputStream();
        view.write(requestId, sources, written);

        var streamed = DataBufferUtils.join(view.stream(requestId, sources, DefaultDataBufferFactory.sharedInstance))
                .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
                .block();

        assertThat(streamed).isEqualTo(written.toString(StandardCharsets.UTF_8));
    }

    private PartRef part(String systemId, String document) throws IOException {
        UUID taskId = UUID.randomUUID();
        parts.store(requestId, systemId, taskId, new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        return new PartRef(systemId, taskId);
    }
}
