package dev.rightsplatform.rights.delivery.access;

import dev.rightsplatform.rights.delivery.collection.CollectedParts;
import dev.rightsplatform.rights.delivery.collection.PartDocuments;
import dev.rightsplatform.rights.delivery.collection.PartRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What an access request shows the person: the data of every system, grouped by system and category, as one JSON
 * document, streamed from the stored parts one token at a time:
 *
 * <pre>{@code {"systems": [{"systemId": "crm", "categories": {"profile": [{...}, ...]}}, ...]}}</pre>
 */
@Component
public class AccessView {

    private static final int CHUNK = 64 * 1024;

    private final CollectedParts parts;

    public AccessView(CollectedParts parts) {
        this.parts = parts;
    }

    /**
     * The document as a stream of buffers for a response body; the parts are read on
     * {@code Schedulers.boundedElastic()} as the subscriber asks for more.
     */
    public Flux<DataBuffer> stream(UUID requestId, List<PartRef> sources, DataBufferFactory buffers) {
        return Flux.from(DataBufferUtils.outputStreamPublisher(
                out -> {
                    try {
                        write(requestId, sources, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                buffers,
                task -> Schedulers.boundedElastic().schedule(task),
                CHUNK));
    }

    /** Writes the document to {@code out} (which stays open). Blocks. */
    public void write(UUID requestId, List<PartRef> sources, OutputStream out) throws IOException {
        PartDocuments documents = parts.documents();
        try (JsonGenerator json = documents.generator(out)) {
            json.writeStartObject();
            json.writeArrayPropertyStart("systems");
            for (PartRef part : sources) {
                json.writeStartObject();
                json.writeStringProperty("systemId", part.systemId());
                json.writeName("categories");
                try (InputStream in = parts.open(requestId, part.taskId());
                        JsonParser parser = documents.parser(in)) {
                    moveToCategories(parser, part);
                    json.copyCurrentStructureExact(parser);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void moveToCategories(JsonParser parser, PartRef part) {
        // the part was checked when it was stored; anything else means the store does not hold what it was given
        if (parser.nextToken() != JsonToken.START_OBJECT
                || parser.nextToken() != JsonToken.PROPERTY_NAME
                || !"categories".equals(parser.currentName())
                || parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("the stored part of task " + part.taskId() + " is not a part document");
        }
    }
}
