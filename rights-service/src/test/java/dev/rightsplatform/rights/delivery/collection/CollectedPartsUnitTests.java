package dev.rightsplatform.rights.delivery.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.rights.delivery.store.EncryptedStore;
import dev.rightsplatform.rights.delivery.store.FileSystemEncryptedStore;
import dev.rightsplatform.rights.delivery.store.MasterKeys;
import dev.rightsplatform.rights.delivery.store.NoSuchObjectException;
import dev.rightsplatform.rights.delivery.store.StorageProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;

/** Part intake on a real temporary directory: validation while streaming, limits, replacement, deletion. */
class CollectedPartsUnitTests {

    static final String GOOD = """
            {"categories": {
              "profile": [{"name": "Li Lei 李雷", "email": "li@example.test", "age": 31}],
              "orders": [{"id": 1, "items": [{"sku": "A"}]}, {"id": 2, "items": []}],
              "empty": []
            }}
            """;

    @TempDir
    Path dir;

    private EncryptedStore store;
    private CollectedParts parts;
    private final UUID requestId = UUID.randomUUID();
    private final UUID taskId = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        store = new FileSystemEncryptedStore(new StorageProperties(dir, MasterKeys.newMasterKey()));
        parts = new CollectedParts(store, new CollectionProperties(DataSize.ofKilobytes(64), 1000));
    }

    @Test
    void aGoodPartIsCountedAndStoredAsSent() throws Exception {
        byte[] sent = GOOD.getBytes(StandardCharsets.UTF_8);

        // chunks of 7 bytes: names, values and multi-byte characters split across buffers
        PartSummary summary =
                parts.store(requestId, "crm", taskId, chunks(sent, 7)).block();

        assertThat(summary).isNotNull();
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.bytes()).isEqualTo(sent.length);
        assertThat(summary.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(sent)));
        assertThat(summary.categories())
                .containsExactly(Map.entry("profile", 1L), Map.entry("orders", 2L), Map.entry("empty", 0L));
        try (InputStream in = parts.open(requestId, taskId)) {
            assertThat(in.readAllBytes()).isEqualTo(sent);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{}",
                "{\"categories\": []}",
                "{\"categories\": {\"profile\": {\"name\": \"x\"}}}",
                "{\"categories\": {\"profile\": [1, 2]}}",
                "{\"categories\": {\"profile\": [[]]}}",
                "{\"categories\": {\"profile\": [{\"a\": 1}, \"text\"]}}",
                "{\"categories\": {\"<script>\": []}}",
                "{\"categories\": {\"\": []}}",
                "{\"categories\": {\"a\": [], \"a\": []}}",
                "{\"categories\": {}, \"other\": 1}",
                "{\"other\": 1, \"categories\": {}}",
                "{\"categories\": {}} {\"categories\": {}}",
                "{\"categories\": {\"profile\": [{\"a\": 1}",
                "{\"categories\": {\"profile\": [{\"a\": tru}]}}",
            })
    void aPartOfAnyOtherShapeIsRefusedAndNothingIsStored(String sent) throws IOException {
        assertThatThrownBy(() -> parts.store(requestId, "crm", taskId, chunks(sent.getBytes(StandardCharsets.UTF_8), 5))
                        .block())
                .isInstanceOf(InvalidPartException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("script", "tru")
                        .contains("at byte"));

        assertNothingStored();
    }

    @Test
    void aCategoryNameOfMoreThan100CharactersOrAValueOverTheLimitIsRefused() throws IOException {
        String longName = "{\"categories\": {\"" + "a".repeat(101) + "\": []}}";
        String longValue = "{\"categories\": {\"a\": [{\"v\": \"" + "x".repeat(1001) + "\"}]}}";
        for (String sent : List.of(longName, longValue)) {
            assertThatThrownBy(() -> store(sent)).isInstanceOf(InvalidPartException.class);
        }
        assertThat(store("{\"categories\": {\"" + "名".repeat(100) + "\": []}}").categories())
                .hasSize(1);
    }

    @Test
    void aSystemIdThatCannotNameAFileIsRefused() throws IOException {
        assertThatThrownBy(() -> parts.store(
                                requestId, "../crm", taskId, chunks(GOOD.getBytes(StandardCharsets.UTF_8), 64))
                        .block())
                .isInstanceOf(IllegalArgumentException.class);

        assertNothingStored();
    }

    @Test
    void aPartOverTheLimitIsRefusedAndNothingIsStored() throws IOException {
        var big = new StringBuilder("{\"categories\": {\"events\": [");
        while (big.length() < 70_000) {
            big.append("{\"n\": 12345678},");
        }
        big.append("{\"n\": 0}]}}");

        assertThatThrownBy(() -> parts.store(
                                requestId, "crm", taskId, chunks(big.toString().getBytes(StandardCharsets.UTF_8), 8192))
                        .block())
                .isInstanceOf(PartTooLargeException.class);

        assertNothingStored();
    }

    @Test
    void aRepeatReplacesThePartAndARefusedRepeatLeavesItAsItWas() throws IOException {
        store(GOOD);
        String second = "{\"categories\": {\"profile\": [{\"name\": \"new\"}]}}";
        assertThat(store(second).records()).isEqualTo(1);
        assertThatThrownBy(() -> store("{\"categories\": 1}")).isInstanceOf(InvalidPartException.class);

        try (InputStream in = parts.open(requestId, taskId)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(second);
        }
        assertThat(store.list("parts/")).hasSize(1);
    }

    @Test
    void deleteAllRemovesEveryPartOfTheRequestAndNoOther() throws IOException {
        UUID otherRequest = UUID.randomUUID();
        store(GOOD);
        parts.store(
                requestId,
                "orders",
                UUID.randomUUID(),
                new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)));
        parts.store(otherRequest, "crm", taskId, new ByteArrayInputStream(GOOD.getBytes(StandardCharsets.UTF_8)));

        assertThat(parts.deleteAll(requestId)).isEqualTo(2);

        assertThat(parts.exists(requestId, taskId)).isFalse();
        assertThat(parts.exists(otherRequest, taskId)).isTrue();
        assertThatThrownBy(() -> parts.open(requestId, taskId)).isInstanceOf(NoSuchObjectException.class);
    }

    private PartSummary store(String sent) throws IOException {
        return parts.store(requestId, "crm", taskId, new ByteArrayInputStream(sent.getBytes(StandardCharsets.UTF_8)));
    }

    private void assertNothingStored() throws IOException {
        assertThat(store.list("")).isEmpty();
        try (Stream<Path> partial = Files.list(dir.resolve(FileSystemEncryptedStore.PARTIAL))) {
            assertThat(partial).isEmpty();
        }
    }

    static Flux<DataBuffer> chunks(byte[] bytes, int size) {
        List<DataBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += size) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size));
            buffers.add(DefaultDataBufferFactory.sharedInstance.wrap(chunk));
        }
        return Flux.fromIterable(buffers);
    }
}
