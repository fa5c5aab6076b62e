package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rightsplatform.testsupport.ProcStat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test: a backlog drained end to end. BENCH_BURST people (default 10 000, each a Keycloak user of a
 * throwaway realm with their own token) submit a deregistration through the gateway at once; ten fake http systems
 * erase, one of them slow (BENCH_SLOW_MS per call, default 300); every cooling-off (BENCH_COOLING_OFF_S, default 60)
 * ends within the same minute, so the deadline scanner, on its production interval, meets thousands at once. Reports
 * the time to drain, the resident memory of rights-service and deletion-worker at the start, the middle and the end of
 * the drain, and the round times of the scheduled jobs (from their DEBUG round log). infra/bench/burst runs it; the
 * failsafe run of the system tests leaves it out (*SystemTests only).
 */
class BurstDrainBench {

    private static final Logger log = LoggerFactory.getLogger(BurstDrainBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(45);
    private static final int SYSTEMS = 10;
    private static final int SUBMITTERS = 16;
    private static final Pattern ROUND = Pattern.compile("round of ([a-z-]+) took (\\d+) ms");

    private final List<String> report = new ArrayList<>();

    @Test
    void aBacklogOfDeregistrationsDrains() throws Exception {
        var count = Math.max(10, Math.min(20_000, intEnv("BENCH_BURST", 10_000)));
        var slow = Duration.ofMillis(intEnv("BENCH_SLOW_MS", 300));
        var coolingOff = Duration.ofSeconds(intEnv("BENCH_COOLING_OFF_S", 60));
        var settings = DevSettings.load();
        Infrastructure.ensureKeycloak(settings);
        var realmStart = System.nanoTime();
        try (var realm = BenchRealm.create(settings, count)) {
            say(
                    "realm %s with %d people made in %d s",
                    BenchRealm.NAME, count, (System.nanoTime() - realmStart) / 1_000_000_000);
            var tokensStart = System.nanoTime();
            var tokens = realm.tokens(8);
            say("%d tokens in %d s", tokens.size(), (System.nanoTime() - tokensStart) / 1_000_000_000);
            Files.deleteIfExists(settings.root.resolve("infra/system-tests/target/service-logs/rights-service.log"));
            var options = new Platform.Options(
                    coolingOff,
                    false,
                    8,
                    List.of("-Dlogging.level.dev.rightsplatform.rights.scheduling.rounds=DEBUG"),
                    false,
                    SYSTEMS,
                    BenchRealm.NAME);
            try (var platform = Platform.start(options)) {
                platform.systems.get("system-" + SYSTEMS).answerAfter(slow);
                say(
                        "platform up: %d http systems (concurrency 8 each, system-%d answers after %d ms), cooling-off %d s,"
                                + " schedulers on their production intervals; load average %s",
                        SYSTEMS, SYSTEMS, slow.toMillis(), coolingOff.toSeconds(), ProcStat.loadAverage());
                drain(platform, tokens);
                roundTimes(platform.rights.log);
            }
        } finally {
            var file = Path.of("target", "burst-bench.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, report);
        }
    }

    private void drain(Platform platform, List<String> tokens) throws Exception {
        memory(platform, "before the burst");
        var submitStart = System.nanoTime();
        var ids = submitAll(platform, tokens);
        var submitMillis = (System.nanoTime() - submitStart) / 1_000_000;
        say(
                "%d deregistrations submitted through the gateway by %d clients in %.1f s (%.0f/s)",
                ids.size(), SUBMITTERS, submitMillis / 1000.0, ids.size() * 1000.0 / Math.max(1, submitMillis));
        memory(platform, "start of the drain");
        var deadline = Instant.now().plus(DRAIN_LIMIT);
        var middleSeen = false;
        var peak = new long[2];
        while (Instant.now().isBefore(deadline)) {
            var byStatus = RightsDatabase.countsByStatus();
            var completed = byStatus.getOrDefault("COMPLETED", 0L);
            peak[0] = Math.max(peak[0], ProcStat.rssBytes(platform.rights.pid()));
            peak[1] = Math.max(peak[1], ProcStat.rssBytes(platform.worker.pid()));
            if (!middleSeen && completed >= ids.size() / 2) {
                middleSeen = true;
                memory(platform, "middle (" + completed + " completed)");
            }
            if (completed == ids.size()) {
                break;
            }
            assertThat(byStatus.keySet())
                    .as("no request stopped")
                    .doesNotContain("NEEDS_ATTENTION", "REFUSED", "CANCELLED");
            ServiceProcess.sleepQuietly(Duration.ofSeconds(2));
        }
        var timings = RightsDatabase.timings(ids);
        assertThat(RightsDatabase.countsByStatus())
                .as("all completed within " + DRAIN_LIMIT)
                .isEqualTo(Map.of("COMPLETED", (long) ids.size()));
        var seconds =
                Duration.between(timings.firstReceived(), timings.lastClosed()).toNanos() / 1e9;
        say(
                "drained: all %d COMPLETED %.0f s after the first was received (%.1f deregistrations/s, %d erase calls);"
                        + " received to completed: median %.0f s, p95 %.0f s, longest %.0f s",
                ids.size(),
                seconds,
                ids.size() / seconds,
                platform.systems.values().stream()
                        .mapToLong(system -> system.calls.size())
                        .sum(),
                timings.p50(),
                timings.p95(),
                timings.max());
        memory(platform, "end of the drain");
        say(
                "peak resident memory sampled every 2 s: rights-service %d MB, deletion-worker %d MB",
                peak[0] >> 20, peak[1] >> 20);
    }

    private List<String> submitAll(Platform platform, List<String> tokens) throws Exception {
        var queue = new ConcurrentLinkedQueue<>(tokens);
        var ids = new ConcurrentLinkedQueue<String>();
        var pool = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            var clients = new ArrayList<Future<?>>();
            for (int i = 0; i < SUBMITTERS; i++) {
                clients.add(pool.submit(() -> {
                    for (var token = queue.poll(); token != null; token = queue.poll()) {
                        ids.add(submit(platform, token));
                    }
                    return null;
                }));
            }
            for (var client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(ids);
    }

    private static String submit(Platform platform, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/v1/requests"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"DEREGISTER\"}"))
                .build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("submission answered: %s", response.body())
                .isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private void memory(Platform platform, String when) {
        say(
                "resident memory, %s: rights-service %d MB, deletion-worker %d MB",
                when, ProcStat.rssBytes(platform.rights.pid()) >> 20, ProcStat.rssBytes(platform.worker.pid()) >> 20);
    }

    /** Each job's rounds during the run: how many, median and longest, from rights-service's DEBUG round log. */
    private void roundTimes(Path serviceLog) throws Exception {
        var byJob = new java.util.TreeMap<String, List<Long>>();
        for (var line : Files.readAllLines(serviceLog)) {
            var match = ROUND.matcher(line);
            if (match.find()) {
                byJob.computeIfAbsent(match.group(1), job -> new ArrayList<>()).add(Long.parseLong(match.group(2)));
            }
        }
        byJob.forEach((job, millis) -> {
            var sorted = millis.stream().sorted().toList();
            say(
                    "rounds of %s: %d, median %d ms, longest %d ms",
                    job, sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
        });
    }

    private void say(String format, Object... args) {
        var line = "[bench] " + String.format(format, args);
        report.add(line);
        log.info(line);
    }

    private static int intEnv(String name, int fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
