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
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test: deregistrations per second end to end, on the whole platform (gateway, rights-service,
 * deletion-worker, notification-service as their packaged jars, with the JIT they run with in production) and five
 * instant fake http systems. Each person submits {"type":"DEREGISTER"} through the gateway with their own Keycloak
 * token; a deregistration counts when rights-service has closed it COMPLETED, every system having erased the person.
 * No cooling-off (it would measure the waiting), the Keycloak account system left out unless BENCH_WITH_KEYCLOAK=true
 * (then Keycloak's admin API is what is measured). The failsafe run of the system tests does not include it
 * (*SystemTests only); infra/bench/deregistrations runs it by name, on the system tests' databases and vhost.
 * <p>
 * BENCH_DEREGISTRATIONS (default 500), BENCH_WARMUP (per unmeasured round, default 300; rounds go on until the
 * services' JIT compilers settle), BENCH_SUBMITTERS (clients at once, default 8), BENCH_SERVICE_JVM_OPTS. Logs
 * [bench] lines and writes them to target/deregistrations-bench.txt.
 */
class DeregistrationThroughputBench {

    private static final Logger log = LoggerFactory.getLogger(DeregistrationThroughputBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(10);
    /** Statuses a deregistration does not leave by itself. */
    private static final Set<String> STOPPED = Set.of("NEEDS_ATTENTION", "REFUSED", "CANCELLED");

    private static final String[] SERVERS = {"beam.smp", "postgres"};
    /** Warm-up rounds go on until the services' JIT compilers take under a tenth of their CPU, at most this many. */
    private static final int WARM_UP_ROUNDS = 8;

    private final List<String> report = new ArrayList<>();

    @Test
    void deregistrationsPerSecondEndToEnd() throws Exception {
        var count = bounded(intEnv("BENCH_DEREGISTRATIONS", 500), 10, 3000);
        var warmUp = bounded(intEnv("BENCH_WARMUP", 300), 0, 3000);
        var submitters = bounded(intEnv("BENCH_SUBMITTERS", 8), 1, 64);
        var withKeycloak = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_WITH_KEYCLOAK", "false"));
        var options = new Platform.Options(
                Duration.ZERO,
                withKeycloak,
                8,
                jvmOptions(),
                false,
                Platform.HTTP_SYSTEMS.size(),
                KeycloakAccounts.REALM);
        try (var platform = Platform.start(options.startedOneAtATime())) {
            say(
                    "platform up: %d instant http systems (concurrency %d each)%s, no cooling-off, schedulers on their"
                            + " production intervals; load average %s",
                    platform.systems.size(),
                    options.concurrency(),
                    withKeycloak ? " and the Keycloak account" : "",
                    ProcStat.loadAverage());
            var idle = Jvms.idle(platform);
            for (int round = 1; warmUp > 0; round++) {
                var compilerShare = round(platform, warmUp, submitters, "warm-up " + round);
                if (compilerShare < 0.10) {
                    break;
                }
                if (round == WARM_UP_ROUNDS) {
                    say("the services' JIT compilers had not settled after %d warm-up rounds", WARM_UP_ROUNDS);
                    break;
                }
            }
            round(platform, count, submitters, "measured");
            Jvms.report(platform, idle).forEach(line -> say("%s", line));
        } finally {
            var file = Path.of("target", "deregistrations-bench.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, report);
        }
    }

    /**
     * One batch: people and tokens first (not measured), then every submission at once, then until all completed.
     * Returns the share of the services' CPU that their JIT compilers took meanwhile.
     */
    private double round(Platform platform, int count, int submitters, String name) throws Exception {
        var people = newPeople(platform, count);
        try {
            return measure(platform, people.values(), submitters, name);
        } finally {
            deleteAll(platform, people.keySet());
        }
    }

    private double measure(Platform platform, Collection<String> tokens, int submitters, String name) throws Exception {
        var count = tokens.size();
        var cost = Cost.start(platform);
        var pool = Executors.newFixedThreadPool(submitters);
        var queue = new ConcurrentLinkedQueue<>(tokens);
        var ids = new ConcurrentLinkedQueue<String>();
        var submitStart = System.nanoTime();
        try {
            var clients = new ArrayList<Future<?>>();
            for (int i = 0; i < submitters; i++) {
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
        var submitMillis = (System.nanoTime() - submitStart) / 1_000_000;
        var requestIds = List.copyOf(ids);
        awaitAllCompleted(requestIds, name);
        var timings = RightsDatabase.timings(requestIds);
        var seconds =
                Duration.between(timings.firstReceived(), timings.lastClosed()).toNanos() / 1e9;
        var erasures = platform.systems.values().stream()
                .mapToLong(system -> system.calls.size())
                .sum();
        say(
                "deregistrations (%s): %d submitted through the gateway by %d clients in %d ms (%.0f/s); all COMPLETED"
                        + " %.2f s after the first was received = %.0f deregistrations/s end to end; from received to"
                        + " completed: median %.2f s, p95 %.2f s, longest %.2f s",
                name,
                count,
                submitters,
                submitMillis,
                count * 1000.0 / Math.max(1, submitMillis),
                seconds,
                count / seconds,
                timings.p50(),
                timings.p95(),
                timings.max());
        var compilerShare = cost.report(this, name, count);
        say(
                "  erase calls to the fake systems so far: %d; the services' JIT compilers took %.0f %% of their CPU;"
                        + " load average %s",
                erasures, 100 * compilerShare, ProcStat.loadAverage());
        return compilerShare;
    }

    private static String submit(Platform platform, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/v1/requests"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"DEREGISTER\"}"))
                .build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("submission answered").isEqualTo(202);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** Throwaway people in Keycloak, each with a token (password grant). */
    private static Map<KeycloakAccounts.Person, String> newPeople(Platform platform, int count) throws Exception {
        var people = new LinkedHashMap<KeycloakAccounts.Person, String>();
        fourAtATime(Collections.nCopies(count, "en"), locale -> {
                    var person = platform.keycloak.newDataSubject(locale);
                    return Map.entry(person, platform.keycloak.accessToken(person));
                })
                .forEach(made -> people.put(made.getKey(), made.getValue()));
        return people;
    }

    /** The realm is shared with the platform's real users: the benchmark's people go when their round is over. */
    private static void deleteAll(Platform platform, Collection<KeycloakAccounts.Person> people) throws Exception {
        fourAtATime(people, person -> {
            platform.keycloak.delete(person);
            return person;
        });
    }

    /** Keycloak's admin API and password grant, four calls at a time (outside any measurement). */
    private static <T, R> List<R> fourAtATime(Collection<T> items, Function<T, R> call) throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<R>>();
            for (var item : items) {
                futures.add(pool.submit(() -> call.apply(item)));
            }
            var results = new ArrayList<R>();
            for (var future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitAllCompleted(List<String> requestIds, String name) {
        var deadline = Instant.now().plus(ROUND_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            var statuses = RightsDatabase.statuses(requestIds);
            if (statuses.values().stream().allMatch("COMPLETED"::equals) && statuses.size() == requestIds.size()) {
                return;
            }
            if (statuses.values().stream().anyMatch(STOPPED::contains)) {
                break; // a request that needs an agent or ended otherwise will not complete: no use waiting
            }
            // The rate comes from the requests' own timestamps, so polling coarsely loses no precision.
            ServiceProcess.sleepQuietly(Duration.ofMillis(500));
        }
        var byStatus = RightsDatabase.statuses(requestIds).values().stream()
                .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
        throw new IllegalStateException(name + ": not all completed (at most " + ROUND_LIMIT + "): " + byStatus);
    }

    /** CPU time each process spent during a round, per deregistration. */
    private record Cost(
            Map<String, Long> services,
            Map<String, Long> platformPids,
            long compilers,
            long benchJvm,
            Map<String, Long> servers,
            long[] machine) {

        /** CPU time of the JIT compiler threads of the given processes. */
        static long compilerNanos(Map<String, Long> pids) {
            return pids.values().stream().mapToLong(ProcStat::jitCompilerNanos).sum();
        }

        static Cost start(Platform platform) {
            var pids = new TreeMap<String, Long>();
            platform.services().forEach(service -> pids.put(service.name, service.pid()));
            var spent = new TreeMap<String, Long>();
            pids.forEach((name, pid) -> spent.put(name, ProcStat.cpuNanosOf(pid)));
            return new Cost(
                    spent,
                    pids,
                    compilerNanos(pids),
                    ProcStat.cpuNanosOf(ProcessHandle.current().pid()),
                    ProcStat.processNanos(SERVERS),
                    ProcStat.machineTicks());
        }

        /** Prints the costs; returns the share of the services' CPU their JIT compilers took. */
        double report(DeregistrationThroughputBench bench, String round, int count) {
            var parts = new ArrayList<String>();
            var servicesNanos = platformPids.entrySet().stream()
                    .mapToLong(service -> ProcStat.cpuNanosOf(service.getValue()) - services.get(service.getKey()))
                    .sum();
            platformPids.forEach((name, pid) -> parts.add(
                    String.format("%s %.1f ms", name, (ProcStat.cpuNanosOf(pid) - services.get(name)) / 1e6 / count)));
            parts.add(String.format(
                    "this JVM (clients, fake systems) %.1f ms",
                    (ProcStat.cpuNanosOf(ProcessHandle.current().pid()) - benchJvm) / 1e6 / count));
            var nowServers = ProcStat.processNanos(SERVERS);
            parts.add(String.format(
                    "RabbitMQ %.1f ms",
                    (nowServers.getOrDefault("beam.smp", 0L) - servers.getOrDefault("beam.smp", 0L)) / 1e6 / count));
            parts.add(String.format(
                    "PostgreSQL %.1f ms",
                    Math.max(0, nowServers.getOrDefault("postgres", 0L) - servers.getOrDefault("postgres", 0L))
                            / 1e6
                            / count));
            var now = ProcStat.machineTicks();
            var busy = (double) (now[0] - machine[0]) / Math.max(1, now[1] - machine[1]);
            bench.say(
                    "  cpu per deregistration (%s, people's tokens fetched before the clock started): %s; machine"
                            + " %.0f %% busy over %d cores",
                    round,
                    String.join(", ", parts),
                    100 * busy,
                    Runtime.getRuntime().availableProcessors());
            return (double) (compilerNanos(platformPids) - compilers) / Math.max(1, servicesNanos);
        }
    }

    private void say(String format, Object... args) {
        var line = "[bench] " + String.format(format, args);
        report.add(line);
        log.info(line);
    }

    /**
     * BENCH_SERVICE_JVM_OPTS (space-separated, e.g. a flight recording), after each service's own options file
     * (BENCH_JVM_DEFAULTS=true: without it, {@link JvmOptions}).
     */
    private static List<String> jvmOptions() {
        var options = new ArrayList<String>();
        var extra = System.getenv("BENCH_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }

    private static int intEnv(String name, int fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    private static int bounded(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
