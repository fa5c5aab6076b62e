package dev.rightsplatform.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for rights-service's collections endpoint, {@code PUT
 * /internal/v1/collections/{taskId}}: it checks the bearer token against the real Keycloak ({@link WorkerTokenCheck}),
 * reads the part as a stream (counting bytes and records, computing its SHA-256, checking the document's shape,
 * keeping only small parts), and answers with a receipt as rights-service does, or with a scripted status.
 */
public final class UploadReceiver {

    public static final String PATH = "/internal/v1/collections/";

    /** Parts up to this size are kept for the tests to read; larger ones are only counted and hashed. */
    static final int KEPT = 1024 * 1024;

    /** What one upload brought: its token's verdict, and the part's size, checksum and records per category. */
    public record Upload(
            UUID taskId,
            @Nullable String tokenProblem,
            long bytes,
            String sha256,
            Map<String, Long> records,
            @Nullable String documentProblem,
            int answered,
            byte @Nullable [] body) {

        public long totalRecords() {
            return this.records.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The kept part as JSON (small parts only). */
        public JsonNode document() {
            if (this.body == null) {
                throw new IllegalStateException("the part was larger than " + KEPT + " bytes and was not kept");
            }
            return JSON.readTree(this.body);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final UploadReceiver SHARED = new UploadReceiver();

    private final HttpServer server;

    private final WorkerTokenCheck tokens = new WorkerTokenCheck();

    private final Deque<Integer> script = new ArrayDeque<>();

    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    private final AtomicLong bytesReceived = new AtomicLong();

    private UploadReceiver() {
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-rights-service");
            thread.setDaemon(true);
            return thread;
        }));
        this.server.createContext(PATH, exchange -> {
            try (exchange) {
                receive(exchange);
            } catch (Exception ex) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        this.server.start();
    }

    public static UploadReceiver shared() {
        return SHARED;
    }

    /** The base URL the worker uploads to (worker.collections.upload-url). */
    public String uploadUrl() {
        return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH.substring(0, PATH.length() - 1);
    }

    /** Answers the next uploads with these statuses (after reading them whole), then with 200 and a receipt. */
    public synchronized UploadReceiver replyWith(Integer... statuses) {
        this.script.addAll(List.of(statuses));
        return this;
    }

    public List<Upload> uploads() {
        return List.copyOf(this.uploads);
    }

    public List<Upload> uploadsFor(UUID taskId) {
        return this.uploads.stream()
                .filter(upload -> taskId.equals(upload.taskId()))
                .toList();
    }

    /** Bytes of parts received so far, counted as they arrive (also during an upload). */
    public long bytesReceived() {
        return this.bytesReceived.get();
    }

    public synchronized void reset() {
        this.script.clear();
        this.uploads.clear();
    }

    private synchronized @Nullable Integer nextScripted() {
        return this.script.poll();
    }

    private void receive(HttpExchange exchange) throws Exception {
        UUID taskId = UUID.fromString(exchange.getRequestURI().getPath().substring(PATH.length()));
        String tokenProblem =
                this.tokens.problemWith(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!"PUT".equals(exchange.getRequestMethod())
                || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            exchange.sendResponseHeaders(415, -1);
            return;
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Counting counting = new Counting(new DigestInputStream(exchange.getRequestBody(), sha256));
        Map<String, Long> records = new LinkedHashMap<>();
        String documentProblem = (tokenProblem == null) ? read(counting, records) : "not read";
        counting.transferTo(OutputStream.nullOutputStream()); // the rest, if the document ended early
        Integer scripted = nextScripted();
        int status =
                (tokenProblem != null) ? 401 : (scripted != null) ? scripted : (documentProblem != null) ? 422 : 200;
        String sha = HexFormat.of().formatHex(sha256.digest());
        this.uploads.add(new Upload(
                taskId, tokenProblem, counting.count, sha, records, documentProblem, status, counting.kept()));
        if (status != 200) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put(
                "records", records.values().stream().mapToLong(Long::longValue).sum());
        receipt.put("bytes", counting.count);
        receipt.put("sha256", sha);
        receipt.put("categories", new ArrayList<>(records.keySet()));
        byte[] answer = JSON.writeValueAsBytes(receipt);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
    }

    /** Reads {"categories":{"name":[{...}, ...], ...}} as a stream; says what is wrong with it, if anything. */
    private static @Nullable String read(InputStream body, Map<String, Long> records) {
        // The parser must not close the request body: what follows the document is still to be read and hashed.
        InputStream unclosed = new FilterInputStream(body) {
            @Override
            public void close() {}
        };
        try (JsonParser parser = JSON.createParser(unclosed)) {
            if (parser.nextToken() != JsonToken.START_OBJECT
                    || parser.nextToken() != JsonToken.PROPERTY_NAME
                    || !"categories".equals(parser.currentName())
                    || parser.nextToken() != JsonToken.START_OBJECT) {
                return "does not start with {\"categories\":{";
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String category = parser.currentName();
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return "category " + category + " is not an array";
                }
                long count = 0;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    count++;
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    return "category " + category + " holds something else than objects";
                }
                records.put(category, count);
            }
            if (parser.currentToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null) {
                return "does not end with }}";
            }
            return null;
        } catch (RuntimeException ex) {
            return "not JSON (" + ex.getClass().getSimpleName() + ")";
        }
    }

    /** Counts what passes, into bytesReceived too, and keeps the first KEPT bytes. */
    private final class Counting extends FilterInputStream {

        private long count;

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                note(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                note(buffer, offset, read);
            }
            return read;
        }

        private void note(byte[] buffer, int offset, int length) {
            this.count += length;
            UploadReceiver.this.bytesReceived.addAndGet(length);
            if (this.kept.size() + length <= KEPT) {
                this.kept.write(buffer, offset, length);
            }
        }

        byte @Nullable [] kept() {
            return this.count <= KEPT ? this.kept.toByteArray() : null;
        }
    }

    @Override
    public String toString() {
        return "UploadReceiver[" + uploadUrl() + "]";
    }
}
