package dev.rightsplatform.rights.delivery.archive;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * A part document of a given size, generated as it is sent, as an upload body of 64 KB buffers: a category
 * {@code events} of flat records with a random token in each (so the archive compresses little, like real data
 * with identifiers), a value that looks like a formula, and negative numbers.
 */
final class GeneratedPart {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] HEAD = "{\"categories\": {\"events\": [".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "{\"id\": -1}]}}".getBytes(StandardCharsets.UTF_8);

    private GeneratedPart() {}

    /** At least {@code bytes} bytes of part document. */
    static Flux<DataBuffer> of(long bytes) {
        return Flux.generate(() -> new State(bytes), (state, sink) -> {
            if (state.finished) {
                sink.complete();
            } else {
                sink.next(DefaultDataBufferFactory.sharedInstance.wrap(state.nextChunk()));
            }
            return state;
        });
    }

    private static final class State {
        private final long target;
        private final SplittableRandom random = new SplittableRandom(42);
        private final byte[] tokenBytes = new byte[180];
        private long sent;
        private long id;
        private boolean finished;

        State(long target) {
            this.target = target;
        }

        byte[] nextChunk() {
            var chunk = new StringBuilder(CHUNK + 512);
            if (sent == 0) {
                chunk.append(new String(HEAD, StandardCharsets.UTF_8));
            }
            while (chunk.length() < CHUNK && sent + chunk.length() < target) {
                random.nextBytes(tokenBytes);
                chunk.append("{\"id\": ")
                        .append(id++)
                        .append(", \"email\": \"person-")
                        .append(id)
                        .append("@example.test\", \"amount\": -")
                        .append(id % 1000)
                        .append(".25")
                        .append(", \"note\": \"=SUM(A1:A9)\", \"active\": ")
                        .append(id % 2 == 0)
                        .append(", \"token\": \"")
                        .append(Base64.getEncoder().encodeToString(tokenBytes))
                        .append("\"},\n");
            }
            if (sent + chunk.length() >= target) {
                chunk.append(new String(TAIL, StandardCharsets.UTF_8));
                finished = true;
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            sent += bytes.length;
            return bytes;
        }
    }
}
