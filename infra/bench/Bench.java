import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The load generator of infra/bench/submissions, run with the JDK's source launcher (no dependencies).
 *
 * <pre>
 * java Bench.java tokens TOKEN_URL CLIENT_ID USER_PREFIX COUNT PASSWORD PARALLEL OUT_FILE
 *     password grant for USER_PREFIX00000 .. (COUNT-1), one access token per line in OUT_FILE
 * java Bench.java load LABEL URL TOKENS_FILE COUNT CONCURRENCY RATE MAX_SECONDS
 *     POST {"type":"DEREGISTER"} with token i (each token once) by CONCURRENCY workers, each on its own keep-alive
 *     connection (a minimal HTTP/1.1 client: the generator shares the machine's CPU); RATE 0: as fast as
 *     they go (closed loop); RATE > 0: request k is due at start + k/RATE and its latency counts from then
 *     (no coordinated omission). Stops after COUNT requests or MAX_SECONDS. Only 202 counts as a success.
 *     Prints "RESULT LABEL sent ok errors seconds rps p50 p90 p99 max cpu" (latencies in ms, cpu: seconds this
 *     generator used), and every non-202 answer by status with a few bodies.
 * </pre>
 */
public class Bench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "tokens" -> {
                if (args.length != 8) usage();
                tokens(args[1], args[2], args[3], Integer.parseInt(args[4]), args[5], Integer.parseInt(args[6]), Path.of(args[7]));
            }
            case "load" -> {
                if (args.length != 8) usage();
                load(args[1], URI.create(args[2]), Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                        Double.parseDouble(args[6]), Double.parseDouble(args[7]));
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: java Bench.java tokens TOKEN_URL CLIENT_ID USER_PREFIX COUNT PASSWORD PARALLEL OUT_FILE");
        System.err.println("       java Bench.java load LABEL URL TOKENS_FILE COUNT CONCURRENCY RATE MAX_SECONDS");
        System.exit(2);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    // ---------------------------------------------------------------------------------------------- tokens

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    static void tokens(String tokenUrl, String clientId, String prefix, int count, String password, int parallel, Path out)
            throws Exception {
        var http = client();
        var tokens = new String[count];
        var next = new AtomicInteger();
        var failure = new ConcurrentLinkedQueue<String>();
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < parallel; t++) {
            var thread = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < count && failure.isEmpty(); ) {
                    var user = prefix + String.format("%05d", i);
                    var form = "grant_type=password&client_id=" + enc(clientId) + "&username=" + enc(user) + "&password=" + enc(password);
                    try {
                        var answer = send(http, HttpRequest.newBuilder(URI.create(tokenUrl))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .timeout(Duration.ofSeconds(60))
                                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
                        var m = ACCESS_TOKEN.matcher(answer.body());
                        if (answer.statusCode() != 200 || !m.find()) {
                            failure.add(user + ": HTTP " + answer.statusCode() + " " + abbreviate(answer.body()));
                        } else {
                            tokens[i] = m.group(1);
                        }
                    } catch (Exception e) {
                        failure.add(user + ": " + e);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (var thread : threads) thread.join();
        if (!failure.isEmpty()) {
            System.err.println("token request failed: " + failure.peek());
            System.exit(1);
        }
        Files.write(out, Arrays.asList(tokens));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        s = s.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    // ------------------------------------------------------------------------------------------------ load

    static void load(String label, URI url, Path tokenFile, int count, int concurrency, double rate, double maxSeconds)
            throws Exception {
        var tokens = Files.readAllLines(tokenFile).stream().filter(line -> !line.isBlank()).toList();
        if (tokens.size() < count) {
            System.err.println("only " + tokens.size() + " tokens for " + count + " requests");
            System.exit(1);
        }
        var body = "{\"type\":\"DEREGISTER\"}";
        var head = "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + body.length()
                + "\r\nAuthorization: Bearer ";
        var latencies = new long[count];                  // nanos; -1 where the request failed or was not sent
        Arrays.fill(latencies, -1);
        var next = new AtomicInteger();
        var ok = new AtomicInteger();
        var errors = new AtomicInteger();
        var byStatus = new ConcurrentHashMap<String, AtomicInteger>();
        var samples = new ConcurrentLinkedQueue<String>();
        var lastDone = new AtomicLong();
        var cpuBefore = processCpuNanos();
        var start = System.nanoTime() + 50_000_000;       // every worker is connected and waiting when the clock starts
        var deadline = start + (long) (maxSeconds * 1e9);
        var interval = rate > 0 ? 1e9 / rate : 0;
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < concurrency; w++) {
            var worker = new Thread(() -> {
                var connection = new Connection(url.getHost(), url.getPort());
                try {
                    connection.open();
                } catch (IOException e) {
                    errors.incrementAndGet();
                    byStatus.computeIfAbsent("connect: " + e, k -> new AtomicInteger()).incrementAndGet();
                    return;
                }
                LockSupport.parkNanos(start - System.nanoTime());
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    long due = rate > 0 ? start + (long) (i * interval) : System.nanoTime();
                    if (due >= deadline || System.nanoTime() >= deadline) {
                        break;
                    }
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    var request = (head + tokens.get(i) + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1);
                    String outcome;
                    String answerBody;
                    try {
                        var answer = connection.exchange(request);
                        outcome = String.valueOf(answer.status);
                        answerBody = answer.body;
                    } catch (IOException e) {
                        outcome = e.getClass().getSimpleName();
                        answerBody = String.valueOf(e.getMessage());
                        connection.close();
                    }
                    long done = System.nanoTime();
                    lastDone.accumulateAndGet(done, Math::max);
                    if (outcome.equals("202")) {
                        latencies[i] = done - due;
                        ok.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                        byStatus.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                        if (samples.size() < 5) {
                            samples.add(outcome + " " + abbreviate(answerBody));
                        }
                    }
                }
                connection.close();
            }, "load-" + w);
            worker.start();
            workers.add(worker);
        }
        for (var worker : workers) worker.join();
        var cpu = (processCpuNanos() - cpuBefore) / 1e9;
        var seconds = Math.max(1, lastDone.get() - start) / 1e9;
        var sorted = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        int sent = ok.get() + errors.get();
        System.out.printf(java.util.Locale.ROOT, "RESULT %s %d %d %d %.2f %.1f %.1f %.1f %.1f %.1f %.1f%n", label, sent, ok.get(),
                errors.get(), seconds, ok.get() / seconds, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, cpu);
        if (errors.get() > 0) {
            System.out.println("  non-202 answers of " + label + ": " + new TreeMap<>(byStatus));
            samples.forEach(sample -> System.out.println("    e.g. " + sample));
        }
    }

    /**
     * One keep-alive HTTP/1.1 connection, just enough for these two servers (Content-Length or chunked answers): far
     * lighter than java.net.http.HttpClient, whose CPU would be taken from the services on a small machine.
     */
    static final class Connection {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        void open() throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        void close() {
            try {
                if (socket != null) socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }

        record Answer(int status, String body) {
        }

        Answer exchange(byte[] request) throws IOException {
            if (socket == null) {
                open();
            }
            out.write(request);
            out.flush();
            var statusLine = line();
            if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + abbreviate(statusLine));
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                if (colon < 0) continue;
                var name = header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                var value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            var body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) { } // trailers
            } else if (length >= 0) {
                body.write(in.readNBytes(length));
            } else {
                closeAfter = true;
                body.write(in.readAllBytes());
            }
            if (closeAfter) {
                close();
            }
            return new Answer(status, body.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            var line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) throw new EOFException("connection closed by the server");
                if (c != '\r') line.append((char) c);
            }
            return line.toString();
        }
    }

    /** The p-th percentile in ms (nearest rank). */
    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
