import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The load generator of infra/bench/console-reports, run with the JDK's source launcher (no dependencies).
 *
 * <pre>
 * java ReportsBench.java queue BASE_URL TOKEN CONCURRENCY SECONDS PAGES
 *     the agents' queue (GET /api/v1/agent/requests) by CONCURRENCY workers, closed loop, for SECONDS: each worker
 *     takes the filters below in turn and follows each one's keyset cursor for up to PAGES pages. Prints
 *     "RESULT queue calls errors rps p50 p95 p99 max" (ms), then the same per filter.
 * java ReportsBench.java once LABEL URL TOKEN ACCEPT RUNS
 *     one call at a time, RUNS times (the first is a warm-up and not counted unless RUNS is 1). Prints
 *     "RESULT LABEL runs errors min median max bytes" (ms).
 * </pre>
 */
public class ReportsBench {

    /** The queue's filters an agent uses: the default (open, by due date) and one of each kind. */
    static final List<String> FILTERS = List.of(
            "",
            "overdue=true",
            "status=NEEDS_ATTENTION",
            "type=DEREGISTER",
            "jurisdiction=CN",
            "jurisdiction=US-CA&type=ACCESS",
            "status=COMPLETED",
            "status=REFUSED&jurisdiction=DE",
            "dueBefore=2026-06-01T00:00:00Z");

    static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*\"([^\"]+)\"");

    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "queue" -> queue(args[1], args[2], Integer.parseInt(args[3]), Double.parseDouble(args[4]),
                    Integer.parseInt(args[5]));
            case "once" -> once(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]));
            default -> {
                System.err.println("usage: see the comment of ReportsBench.java");
                System.exit(2);
            }
        }
    }

    record Sample(String filter, double ms, boolean ok) {}

    static void queue(String base, String token, int concurrency, double seconds, int pages) throws Exception {
        var samples = new ConcurrentLinkedQueue<Sample>();
        var errors = new AtomicLong();
        var deadline = System.nanoTime() + (long) (seconds * 1e9);
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < concurrency; w++) {
            final int start = w;
            var worker = new Thread(() -> {
                int f = start;
                while (System.nanoTime() < deadline) {
                    var filter = FILTERS.get(f++ % FILTERS.size());
                    String after = null;
                    for (int page = 0; page < pages && System.nanoTime() < deadline; page++) {
                        var query = new StringBuilder("limit=50");
                        if (!filter.isEmpty()) query.append('&').append(filter);
                        if (after != null) query.append("&after=").append(URLEncoder.encode(after, StandardCharsets.UTF_8));
                        var t0 = System.nanoTime();
                        try {
                            var response = HTTP.send(
                                    HttpRequest.newBuilder(URI.create(base + "/api/v1/agent/requests?" + query))
                                            .header("Authorization", "Bearer " + token)
                                            .timeout(Duration.ofSeconds(30))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            var ms = (System.nanoTime() - t0) / 1e6;
                            var ok = response.statusCode() == 200;
                            samples.add(new Sample(filter.isEmpty() ? "(open, default)" : filter, ms, ok));
                            if (!ok) {
                                if (errors.incrementAndGet() <= 3) {
                                    System.err.println("queue " + response.statusCode() + ": " + response.body());
                                }
                                break;
                            }
                            var next = NEXT.matcher(response.body());
                            if (!next.find()) break;
                            after = next.group(1);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            break;
                        }
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (var worker : workers) worker.join();
        var all = samples.stream().filter(Sample::ok).map(Sample::ms).toList();
        print("queue", all, errors.get(), seconds);
        var byFilter = new TreeMap<String, List<Double>>();
        samples.stream().filter(Sample::ok).forEach(s -> byFilter.computeIfAbsent(s.filter(), k -> new ArrayList<>()).add(s.ms()));
        byFilter.forEach((filter, ms) -> print("queue[" + filter + "]", ms, 0, seconds));
    }

    static void print(String label, List<Double> values, long errors, double seconds) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("RESULT %s calls=%d errors=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f%n",
                label, sorted.size(), errors, sorted.size() / seconds,
                pct(sorted, 0.50), pct(sorted, 0.95), pct(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return 0;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static void once(String label, String url, String token, String accept, int runs) throws Exception {
        var times = new ArrayList<Double>();
        long errors = 0;
        long bytes = 0;
        for (int run = 0; run < runs; run++) {
            var t0 = System.nanoTime();
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", accept)
                            .timeout(Duration.ofSeconds(120))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var ms = (System.nanoTime() - t0) / 1e6;
            if (response.statusCode() != 200) {
                errors++;
                System.err.println(label + " " + response.statusCode() + ": " + response.body());
                continue;
            }
            bytes = response.body().length();
            if (run > 0 || runs == 1) times.add(ms);
            System.out.printf("  %s run %d: %.0f ms%n", label, run + 1, ms);
        }
        Collections.sort(times);
        System.out.printf("RESULT %s runs=%d errors=%d min=%.0f median=%.0f max=%.0f bytes=%d%n",
                label, times.size(), errors, times.isEmpty() ? 0 : times.get(0),
                times.isEmpty() ? 0 : times.get(times.size() / 2), times.isEmpty() ? 0 : times.get(times.size() - 1), bytes);
    }
}
