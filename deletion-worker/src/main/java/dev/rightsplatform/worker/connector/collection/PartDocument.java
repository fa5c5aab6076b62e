package dev.rightsplatform.worker.connector.collection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the part document {@code {"categories":{"<category>":[{record}, ...], ...}}} from a stream of records per
 * category, as the records come: what is in memory at once is one chunk of about {@link #CHUNK} bytes (plus what
 * the streams themselves prefetch), however many records there are.
 */
public final class PartDocument {

    /** One category of the part: its name and its records, each a complete JSON object. */
    public record Category(String name, Flux<byte[]> records) {}

    /** Records are gathered into chunks of about this size, so the upload is not one tiny chunk per record. */
    static final int CHUNK = 32 * 1024;

    private static final byte[] COMMA = {','};

    private PartDocument() {}

    public static Flux<DataBuffer> write(List<Category> categories, JsonMapper json) {
        Flux<byte[]> pieces = Flux.concat(
                Flux.just(ascii("{\"categories\":{")),
                Flux.range(0, categories.size()).concatMap(index -> category(index, categories.get(index), json)),
                Flux.just(ascii("}}")));
        return Flux.defer(() -> {
            int[] gathered = {0};
            return pieces.bufferUntil(piece -> {
                        gathered[0] += piece.length;
                        if (gathered[0] < CHUNK) {
                            return false;
                        }
                        gathered[0] = 0;
                        return true;
                    })
                    .map(PartDocument::join);
        });
    }

    private static Flux<byte[]> category(int index, Category category, JsonMapper json) {
        byte[] opening = ascii((index > 0 ? "," : "") + json.writeValueAsString(category.name()) + ":[");
        Flux<byte[]> records = category.records()
                .index()
                .concatMapIterable(numbered ->
                        numbered.getT1() == 0 ? List.of(numbered.getT2()) : List.of(COMMA, numbered.getT2()));
        return Flux.concat(Flux.just(opening), records, Flux.just(ascii("]")));
    }

    private static DataBuffer join(List<byte[]> pieces) {
        int size = pieces.stream().mapToInt(piece -> piece.length).sum();
        DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.allocateBuffer(size);
        pieces.forEach(buffer::write);
        return buffer;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
