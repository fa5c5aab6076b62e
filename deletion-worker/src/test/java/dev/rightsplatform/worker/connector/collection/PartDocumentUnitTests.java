package dev.rightsplatform.worker.connector.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The part document written from record streams: valid JSON, every record in its category, in bounded chunks. */
class PartDocumentUnitTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void categoriesAndRecordsMakeOneDocument() {
        List<DataBuffer> chunks = write(List.of(
                new PartDocument.Category("profile", Flux.just(record("{\"id\":\"u-1\"}"))),
                new PartDocument.Category("orders", Flux.just(record("{\"id\":1}"), record("{\"id\":2}"))),
                new PartDocument.Category("say \"hi\"", Flux.empty())));

        assertThat(text(chunks))
                .isEqualTo("{\"categories\":{\"profile\":[{\"id\":\"u-1\"}],"
                        + "\"orders\":[{\"id\":1},{\"id\":2}],\"say \\\"hi\\\"\":[]}}");
    }

    @Test
    void noCategoriesIsAnEmptyDocument() {
        assertThat(text(write(List.of()))).isEqualTo("{\"categories\":{}}");
    }

    @Test
    void manyRecordsGoOutInChunksOfBoundedSize() {
        byte[] record = record("{\"text\":\"" + "x".repeat(90) + "\"}");
        List<DataBuffer> chunks = write(List.of(
                new PartDocument.Category("messages", Flux.range(0, 10_000).map(n -> record))));

        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks)
                .allSatisfy(chunk -> assertThat(chunk.readableByteCount())
                        .isLessThanOrEqualTo(PartDocument.CHUNK + record.length + 1));
        JsonNode document = this.json.readTree(text(chunks));
        assertThat(document.path("categories").path("messages")).hasSize(10_000);
    }

    private List<DataBuffer> write(List<PartDocument.Category> categories) {
        return PartDocument.write(categories, this.json).collectList().block(Duration.ofSeconds(10));
    }

    private static String text(List<DataBuffer> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DataBuffer chunk : chunks) {
            byte[] bytes = new byte[chunk.readableByteCount()];
            chunk.read(bytes);
            out.writeBytes(bytes);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] record(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
