package dev.rightsplatform.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rightsplatform.testsupport.ProcStat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark, not a test: the portal's two busiest pages for signed-in people, through the gateway, against the same
 * API calls made through the gateway with bearer tokens. BENCH_SESSIONS people (default 20, throwaway users of realm
 * {@code rights}, removed at the end), each with a few requests (ACCESS, EXPORT, a consent withdrawal) and consents
 * (every purpose granted, marketing withdrawn) made through the API first, each signed in once on Keycloak's real login
 * form with plain HTTP ({@link PortalBenchSession}): one virtual user per person and session, closed loop, no think
 * time.
 * <ul>
 *   <li>my requests: the page {@code GET /requests} against {@code GET /api/v1/requests};</li>
 *   <li>the consent center: the page {@code GET /consents} against what it calls, made the way it makes them:
 *       {@code GET /api/v1/consents}, then {@code GET /api/v1/consents/purposes} and
 *       {@code GET /api/v1/consents/history?limit=50} at once.</li>
 * </ul>
 * Each scenario is warmed up for BENCH_WARMUP_S (default 10 s), in cycles of all four that go on until the JIT
 * compilers of the gateway, the portal and rights-service take under a tenth of their CPU (at most six), then measured
 * BENCH_ROUNDS times (default 1, page and API alternating; with more, the round with the higher rate counts: the
 * machine is shared) for BENCH_MEASURE_S (default 30 s). Then, unless BENCH_BREAKDOWN=false, the same four without the gateway (the page straight from the
 * portal, the API straight from rights-service), once each for half as long, to show where the time goes. Prints pages/s, p50, p95, p99, the page rate as a share
 * of the API's, the CPU each process spent per page or API equivalent, and PASS/FAIL against the targets (page p95 at
 * most 150 ms; page rate at least half the API's) without failing: it fails only when something could not be measured.
 * infra/bench/portal/run runs it; the failsafe run of the system tests leaves it out (*SystemTests only).
 */
class PortalPagesBench {

    private static final Logger log = LoggerFactory.getLogger(PortalPagesBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient SETUP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final double P95_TARGET_MS = 150;
    private static final double RATE_TARGET = 0.5;
    private static final Set<String> SETTLED = Set.of("COMPLETED", "CANCELLED", "REFUSED", "NEEDS_ATTENTION");
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);
    /** Warm-up cycles go on until the JIT compilers take under a tenth of the three services' CPU, at most this many. */
    private static final int WARM_UP_CYCLES = 6;

    private static final List<String> MEASURED = List.of("gateway", "portal", "rights-service");

    private final List<String> report = new ArrayList<>();
    private OverlapGuard guard;

    /** One iteration of a virtual user: its calls, checked; returns the bytes it received. */
    @FunctionalInterface
    private interface Call {
        long run(PortalBenchSession session) throws Exception;
    }

    private record Scenario(String label, String what, Call call) {}

    @Test
    void portalPagesAgainstTheApiThroughTheGateway() throws Exception {
        var sessions = bounded(intEnv("BENCH_SESSIONS", 20), 1, 200);
        var warmUp = Duration.ofSeconds(bounded(intEnv("BENCH_WARMUP_S", 10), 0, 600));
        var measure = Duration.ofSeconds(bounded(intEnv("BENCH_MEASURE_S", 30), 5, 600));
        var rounds = bounded(intEnv("BENCH_ROUNDS", 1), 1, 10);
        var breakdown = !"false".equalsIgnoreCase(System.getenv().getOrDefault("BENCH_BREAKDOWN", "true"));
        var options = new Platform.Options(
                Duration.ofSeconds(60),
                false,
                4,
                jvmOptions(),
                false,
                Platform.HTTP_SYSTEMS.size(),
                KeycloakAccounts.REALM);
        var people = new ArrayList<KeycloakAccounts.Person>();
        OverlapGuard.otherRun().ifPresent(other -> {
            throw new IllegalStateException("the system tests (or a bench) run on the same databases: " + other);
        });
        try (var platform = Platform.start(options);
                var guard = new OverlapGuard(platform)) {
            this.guard = guard;
            say(
                    "Portal pages against the API, %s UTC; %d cores (%s), %d GB; %s",
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                            .format(Instant.now().atZone(ZoneOffset.UTC)),
                    Runtime.getRuntime().availableProcessors(),
                    cpuModel(),
                    memoryGb(),
                    System.getProperty("java.vm.name") + " " + Runtime.version());
            say(
                    "platform up from its jars (JVM options %s), gateway %s, portal %s, rights-service %s; load average %s",
                    options.jvmOptions(),
                    platform.gatewayUrl(),
                    platform.portal.baseUrl(),
                    platform.rights.baseUrl(),
                    ProcStat.loadAverage());
            var browsers = setUp(platform, sessions, people);
            measureAll(platform, browsers, warmUp, measure, rounds, breakdown);
        } finally {
            deleteAll(people);
            var file = Path.of("target", "portal-pages-bench.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, report);
        }
    }

    // ------------------------------------------------------------------------------------------------ set-up

    /** The people, their requests and consents (through the API), and their sessions (signed in through the portal). */
    private List<PortalBenchSession> setUp(Platform platform, int count, List<KeycloakAccounts.Person> people)
            throws Exception {
        var start = System.nanoTime();
        var made = fourAtATime(java.util.Collections.nCopies(count, "en"), locale -> {
            var person = platform.keycloak.newDataSubject(locale);
            synchronized (people) {
                people.add(person);
            }
            var session = new PortalBenchSession(person.username(), person.password());
            session.token = platform.keycloak.accessToken(person);
            return Map.entry(person, session);
        });
        var byPerson = new LinkedHashMap<KeycloakAccounts.Person, PortalBenchSession>();
        made.forEach(entry -> byPerson.put(entry.getKey(), entry.getValue()));
        var gateway = platform.gatewayUrl();
        var ids = fourAtATime(byPerson.values(), session -> {
            try {
                return seed(gateway, session);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        var settled = awaitSettled(gateway, byPerson.values());
        guard.check();
        say(
                "%d people (realm %s, removed at the end), each with %d requests (ACCESS, EXPORT, a consent withdrawal)"
                        + " and %d consent events, made through the API in %d s; %s",
                count,
                KeycloakAccounts.REALM,
                ids.get(0).requests(),
                ids.get(0).consentEvents(),
                (System.nanoTime() - start) / 1_000_000_000,
                settled);
        var signInStart = System.nanoTime();
        var keycloak = platform.settings.keycloakUrl;
        fourAtATime(byPerson.values(), session -> {
            try {
                var page = session.signIn(gateway, "/requests", keycloak);
                if (!page.body().contains("data-request-id")) {
                    throw new IllegalStateException(session.username + ": signed in, but /requests lists no request ("
                            + PortalBenchSession.title(page.body()) + ")");
                }
                return session;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        say(
                "%d people signed in through the portal (GET /requests, Keycloak's login form, back to"
                        + " /login/oauth2/code/keycloak) in %d ms, each holding its own %s cookie",
                count, (System.nanoTime() - signInStart) / 1_000_000, PortalBenchSession.SESSION_COOKIE);
        return List.copyOf(byPerson.values());
    }

    private record Seeded(int requests, int consentEvents) {}

    /** ACCESS and EXPORT requests, every purpose granted, then marketing (or the first purpose) withdrawn. */
    private static Seeded seed(String gateway, PortalBenchSession session) throws Exception {
        post(gateway, session, "/api/v1/requests", "{\"type\":\"ACCESS\"}", 202);
        post(gateway, session, "/api/v1/requests", "{\"type\":\"EXPORT\"}", 202);
        var purposes = JSON.readTree(check(session.api(URI.create(gateway + "/api/v1/consents/purposes")), 200)
                .body());
        String withdrawn = null;
        for (var purpose : purposes) {
            var id = purpose.get("id").asText();
            post(
                    gateway,
                    session,
                    "/api/v1/consents/" + id,
                    JSON.createObjectNode()
                            .put("noticeVersion", purpose.get("noticeVersion").asText())
                            .toString(),
                    200);
            if (withdrawn == null || "marketing".equals(id)) {
                withdrawn = id;
            }
        }
        if (withdrawn == null) {
            throw new IllegalStateException("rights-service has no consent purpose");
        }
        post(gateway, session, "/api/v1/consents/" + withdrawn + "/withdraw", null, 202);
        return new Seeded(3, purposes.size() + 1);
    }

    private static void post(String gateway, PortalBenchSession session, String path, String body, int expected)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + session.token)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        check(SETUP.send(request, HttpResponse.BodyHandlers.ofString()), expected);
    }

    /** Waits (at most two minutes) until nobody's requests are still being carried out, so the passes run alone. */
    private static String awaitSettled(String gateway, Collection<PortalBenchSession> sessions) throws Exception {
        var deadline = Instant.now().plus(SETTLE_LIMIT);
        Map<String, Long> byStatus = Map.of();
        while (Instant.now().isBefore(deadline)) {
            byStatus = new TreeMap<>();
            for (var session : sessions) {
                for (var request : JSON.readTree(check(session.api(URI.create(gateway + "/api/v1/requests")), 200)
                        .body())) {
                    byStatus.merge(request.path("status").asText(), 1L, Long::sum);
                }
            }
            if (SETTLED.containsAll(byStatus.keySet())) {
                return "their requests by status: " + byStatus;
            }
            ServiceProcess.sleepQuietly(Duration.ofSeconds(1));
        }
        return "their requests by status after " + SETTLE_LIMIT.toSeconds() + " s (not all settled): " + byStatus;
    }

    // -------------------------------------------------------------------------------------------------- passes

    private void measureAll(
            Platform platform,
            List<PortalBenchSession> sessions,
            Duration warmUp,
            Duration measure,
            int rounds,
            boolean breakdown)
            throws Exception {
        var gateway = platform.gatewayUrl();
        var requestsPage =
                new Scenario("my requests, page", "GET /requests", page(gateway + "/requests", "data-request-id"));
        var requestsApi = new Scenario("my requests, API", "GET /api/v1/requests", requestsApi(gateway));
        var consentsPage =
                new Scenario("consent center, page", "GET /consents", page(gateway + "/consents", "consent-history"));
        var consentsApi =
                new Scenario("consent center, API", "GET consents, then purposes + history", consentsApi(gateway));
        var pairs = List.of(List.of(requestsPage, requestsApi), List.of(consentsPage, consentsApi));

        say(
                "%d virtual users, one per person and session, closed loop without think time; warm-up %d s per scenario"
                        + " and cycle (cycles until the JIT compilers settle, at most %d), then %d measured round(s) of %d s each;"
                        + " load average %s",
                sessions.size(),
                warmUp.toSeconds(),
                WARM_UP_CYCLES,
                rounds,
                measure.toSeconds(),
                ProcStat.loadAverage());
        for (int cycle = 1; !warmUp.isZero() && cycle <= WARM_UP_CYCLES; cycle++) {
            var compilers = Jit.of(platform);
            for (var pair : pairs) {
                for (var scenario : pair) {
                    var pass = run(platform, scenario, sessions, warmUp);
                    say("  warm-up %d %-22s %s", cycle, scenario.label(), pass.summary());
                }
            }
            var share = compilers.shareSince(platform);
            say(
                    "  warm-up %d: the JIT compilers took %.0f%% of the CPU of the gateway, the portal and rights-service",
                    cycle, 100 * share);
            if (share < 0.10) {
                break;
            }
        }
        var best = new LinkedHashMap<Scenario, Pass>();
        for (int round = 1; round <= rounds; round++) {
            for (var pair : pairs) {
                for (var scenario : pair) {
                    var pass = run(platform, scenario, sessions, measure);
                    say("  round %d %-22s %s", round, scenario.label(), pass.summary());
                    best.merge(scenario, pass, (a, b) -> b.perSecond() > a.perSecond() ? b : a);
                }
            }
        }
        var direct = new LinkedHashMap<Scenario, Pass>();
        if (breakdown) {
            var portal = platform.portal.baseUrl();
            var rights = platform.rights.baseUrl();
            var scenarios = List.of(
                    new Scenario(
                            "my requests, page", "portal, no gateway", page(portal + "/requests", "data-request-id")),
                    new Scenario("my requests, API", "rights-service, no gateway", requestsApi(rights)),
                    new Scenario(
                            "consent center, page",
                            "portal, no gateway",
                            page(portal + "/consents", "consent-history")),
                    new Scenario("consent center, API", "rights-service, no gateway", consentsApi(rights)));
            for (var scenario : scenarios) {
                if (!warmUp.isZero()) {
                    run(platform, scenario, sessions, Duration.ofSeconds(Math.min(5, warmUp.toSeconds())));
                }
                var pass = run(platform, scenario, sessions, Duration.ofSeconds(Math.max(10, measure.toSeconds() / 2)));
                say("  direct  %-22s %s", scenario.label(), pass.summary());
                direct.put(scenario, pass);
            }
        }
        table(best, direct, sessions.size(), measure);
        verdicts(pairs, best);
        costs(best);
    }

    /** A page with the person's session cookie: 200 and the marker of its content, or a failure. */
    private static Call page(String url, String marker) {
        var uri = URI.create(url);
        return session -> {
            var response = session.page(uri);
            if (response.statusCode() != 200 || !response.body().contains(marker)) {
                throw new IllegalStateException("GET " + uri.getPath() + ": " + response.statusCode() + " "
                        + response.headers().firstValue("Location").orElse("") + " "
                        + PortalBenchSession.title(response.body()));
            }
            return response.body().length();
        };
    }

    private static Call requestsApi(String base) {
        var uri = URI.create(base + "/api/v1/requests");
        return session -> check(session.api(uri), 200).body().length();
    }

    /** What ConsentPages does: the person's state first, then the catalogue and the history at once. */
    private static Call consentsApi(String base) {
        var state = URI.create(base + "/api/v1/consents");
        var purposes = URI.create(base + "/api/v1/consents/purposes");
        var history = URI.create(base + "/api/v1/consents/history?limit=50");
        return session -> {
            var first = check(session.api(state), 200).body().length();
            var catalogue = session.apiAsync(purposes);
            var events = session.apiAsync(history);
            return first
                    + check(catalogue.join(), 200).body().length()
                    + check(events.join(), 200).body().length();
        };
    }

    private static HttpResponse<String> check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            var body = response.body() == null ? "" : response.body();
            throw new IllegalStateException(
                    response.request().method() + " " + response.request().uri().getPath() + ": "
                            + response.statusCode() + " " + body.substring(0, Math.min(200, body.length())));
        }
        return response;
    }

    private record Pass(
            long ok,
            long errors,
            String firstError,
            double seconds,
            double perSecond,
            double p50,
            double p95,
            double p99,
            double max,
            double bytes,
            Cost cost) {

        String summary() {
            return String.format(
                    "%6.1f/s  p50 %6.1f  p95 %6.1f  p99 %6.1f ms  (%d ok, %d errors%s; load average %s)",
                    perSecond,
                    p50,
                    p95,
                    p99,
                    ok,
                    errors,
                    firstError == null ? "" : "; first: " + firstError,
                    ProcStat.loadAverage());
        }
    }

    /** Every virtual user runs the scenario in a loop for {@code length}; API tokens are renewed first (unmeasured). */
    private Pass run(Platform platform, Scenario scenario, List<PortalBenchSession> sessions, Duration length)
            throws Exception {
        renewTokens(platform, sessions);
        var users = sessions.size();
        var pool = Executors.newFixedThreadPool(users);
        var ready = new CountDownLatch(users);
        var go = new CountDownLatch(1);
        var errors = new AtomicLong();
        var bytes = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var lastEnd = new AtomicLong();
        var latencies = new ArrayList<Future<long[]>>();
        var startAt = new AtomicLong();
        try {
            for (var session : sessions) {
                latencies.add(pool.submit(() -> {
                    var mine = new long[1024];
                    var n = 0;
                    ready.countDown();
                    go.await();
                    var end = startAt.get() + length.toNanos();
                    for (var begin = System.nanoTime(); begin < end; begin = System.nanoTime()) {
                        try {
                            bytes.addAndGet(scenario.call().run(session));
                            var done = System.nanoTime();
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = done - begin;
                            lastEnd.accumulateAndGet(done, Math::max);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.getMessage() == null ? e.toString() : e.getMessage());
                        }
                    }
                    return Arrays.copyOf(mine, n);
                }));
            }
            ready.await();
            var cost = Cost.start(platform);
            startAt.set(System.nanoTime());
            go.countDown();
            var all = new ArrayList<long[]>();
            for (var future : latencies) {
                all.add(future.get());
            }
            var wall = Math.max(lastEnd.get(), startAt.get() + length.toNanos()) - startAt.get();
            var spent = cost.stop(platform);
            guard.check();
            var sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            var seconds = wall / 1e9;
            return new Pass(
                    sorted.length,
                    errors.get(),
                    firstError.get(),
                    seconds,
                    sorted.length / seconds,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    sorted.length == 0 ? 0 : (double) bytes.get() / sorted.length,
                    spent.per(sorted.length));
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        var index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void renewTokens(Platform platform, List<PortalBenchSession> sessions) throws Exception {
        fourAtATime(sessions, session -> {
            session.token = platform.keycloak.accessToken(
                    new KeycloakAccounts.Person(null, session.username, null, session.password));
            return session;
        });
    }

    // ------------------------------------------------------------------------------------------------- report

    private void table(Map<Scenario, Pass> best, Map<Scenario, Pass> direct, int users, Duration measure) {
        say("");
        say(
                "%d sessions, closed loop, %d s measured per pass; latency in ms, per page or per API equivalent",
                users, measure.toSeconds());
        say(
                "%-22s %-38s %8s %7s %7s %7s %7s %7s %9s",
                "", "", "pages/s", "p50", "p95", "p99", "max", "errors", "KB each");
        best.forEach((scenario, pass) -> row(scenario, pass));
        if (!direct.isEmpty()) {
            say("without the gateway (once each, half as long, after the rounds above):");
            direct.forEach((scenario, pass) -> row(scenario, pass));
        }
    }

    private void row(Scenario scenario, Pass pass) {
        say(
                "%-22s %-38s %8.1f %7.1f %7.1f %7.1f %7.1f %7d %9.1f",
                scenario.label(),
                scenario.what(),
                pass.perSecond(),
                pass.p50(),
                pass.p95(),
                pass.p99(),
                pass.max(),
                pass.errors(),
                pass.bytes() / 1024);
    }

    private void verdicts(List<List<Scenario>> pairs, Map<Scenario, Pass> best) {
        say("");
        for (var pair : pairs) {
            var page = best.get(pair.get(0));
            var api = best.get(pair.get(1));
            var ratio = api.perSecond() == 0 ? 0 : page.perSecond() / api.perSecond();
            say(
                    "%-22s page %.1f/s / API %.1f/s = %3.0f%%  (target >= %.0f%%: %s);  page p95 %.1f ms  (target <= %.0f ms: %s)%s",
                    pair.get(0).label().replace(", page", ""),
                    page.perSecond(),
                    api.perSecond(),
                    100 * ratio,
                    100 * RATE_TARGET,
                    ratio >= RATE_TARGET ? "PASS" : "FAIL",
                    page.p95(),
                    P95_TARGET_MS,
                    page.p95() <= P95_TARGET_MS ? "PASS" : "FAIL",
                    page.errors() + api.errors() > 0
                            ? "  (errors: page " + page.errors() + ", API " + api.errors() + ")"
                            : "");
            // the rates depend on what else the machine ran meanwhile; the CPU each costs does not
            var pageCpu = page.cost().totalMillis();
            var apiCpu = api.cost().totalMillis();
            say(
                    "%-22s CPU everywhere (services, PostgreSQL, Redis, load generator): %.1f ms per page, %.1f ms per API"
                            + " equivalent: on a machine of its own the page would run at about %.0f%% of the API's rate",
                    "", pageCpu, apiCpu, pageCpu == 0 ? 0 : 100 * apiCpu / pageCpu);
            if (page.ok() == 0 || api.ok() == 0) {
                throw new IllegalStateException(pair.get(0).label() + ": nothing measured (" + page.firstError() + " / "
                        + api.firstError() + ")");
            }
        }
    }

    private void costs(Map<Scenario, Pass> best) {
        say("");
        say("CPU per page or API equivalent (ms), in the best round; the machine's busy share over all its cores:");
        best.forEach((scenario, pass) ->
                say("%-22s %s", scenario.label(), pass.cost().describe()));
    }

    // ---------------------------------------------------------------------------------------------------- cost

    /** CPU time by process and a few counters, between the start and the end of a pass (per iteration after per()). */
    private record Cost(
            Map<String, Long> pids,
            Map<String, Long> cpu,
            Map<String, Long> portalThreads,
            long benchJvm,
            Map<String, Long> servers,
            long[] machine,
            long redisCommands,
            long rightsTransactions,
            double iterations,
            Jit jit,
            double jitShare) {

        static Cost start(Platform platform) {
            var pids = new LinkedHashMap<String, Long>();
            platform.services().forEach(service -> pids.put(service.name, service.pid()));
            var cpu = new LinkedHashMap<String, Long>();
            pids.forEach((name, pid) -> cpu.put(name, ProcStat.cpuNanosOf(pid)));
            return new Cost(
                    pids,
                    cpu,
                    ProcStat.threadGroupNanos(platform.portal.pid()),
                    ProcStat.cpuNanosOf(ProcessHandle.current().pid()),
                    ProcStat.processNanos("postgres", "redis-server"),
                    ProcStat.machineTicks(),
                    redisCommandCount(),
                    rightsTransactionCount(),
                    0,
                    Jit.of(platform),
                    0);
        }

        /** What was spent since start, as a Cost of differences. */
        Cost stop(Platform platform) {
            var spent = new LinkedHashMap<String, Long>();
            pids.forEach((name, pid) -> spent.put(name, ProcStat.cpuNanosOf(pid) - cpu.get(name)));
            var threads = new LinkedHashMap<String, Long>();
            ProcStat.threadGroupNanos(platform.portal.pid())
                    .forEach((group, nanos) -> threads.put(group, nanos - portalThreads.getOrDefault(group, 0L)));
            var nowServers = ProcStat.processNanos("postgres", "redis-server");
            var serversSpent = new LinkedHashMap<String, Long>();
            nowServers.forEach((name, nanos) ->
                    serversSpent.put(name, Math.max(0, nanos - servers.getOrDefault(name, 0L))));
            var now = ProcStat.machineTicks();
            var redis = redisCommandCount();
            var transactions = rightsTransactionCount();
            return new Cost(
                    pids,
                    spent,
                    threads,
                    ProcStat.cpuNanosOf(ProcessHandle.current().pid()) - benchJvm,
                    serversSpent,
                    new long[] {now[0] - machine[0], now[1] - machine[1]},
                    redis < 0 || redisCommands < 0 ? -1 : redis - redisCommands,
                    transactions < 0 || rightsTransactions < 0 ? -1 : transactions - rightsTransactions,
                    0,
                    jit,
                    jit.shareSince(platform));
        }

        Cost per(long count) {
            return new Cost(
                    pids,
                    cpu,
                    portalThreads,
                    benchJvm,
                    servers,
                    machine,
                    redisCommands,
                    rightsTransactions,
                    Math.max(1, count),
                    jit,
                    jitShare);
        }

        /** CPU per iteration of every process measured (services, PostgreSQL, Redis, this JVM), in ms. */
        double totalMillis() {
            var nanos = cpu.values().stream().mapToLong(Long::longValue).sum()
                    + servers.values().stream().mapToLong(Long::longValue).sum()
                    + benchJvm;
            return nanos / 1e6 / iterations;
        }

        String describe() {
            var parts = new ArrayList<String>();
            for (var name : MEASURED) {
                if (cpu.containsKey(name)) {
                    parts.add(String.format("%s %.2f", name, cpu.get(name) / 1e6 / iterations));
                }
            }
            var others = cpu.entrySet().stream()
                    .filter(e -> !MEASURED.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            parts.add(String.format("other services %.2f", others / 1e6 / iterations));
            parts.add(String.format("PostgreSQL %.2f", servers.getOrDefault("postgres", 0L) / 1e6 / iterations));
            parts.add(String.format("Redis %.2f", servers.getOrDefault("redis-server", 0L) / 1e6 / iterations));
            parts.add(String.format("load generator %.2f", benchJvm / 1e6 / iterations));
            var line = new StringBuilder(String.join(", ", parts));
            line.append(String.format(
                    "; machine %.0f%% busy; JIT compilers %.0f%% of the three services' CPU",
                    100.0 * machine[0] / Math.max(1, machine[1]), 100 * jitShare));
            if (redisCommands >= 0) {
                line.append(String.format("; Redis commands %.1f", redisCommands / iterations));
            }
            if (rightsTransactions >= 0) {
                line.append(String.format("; rights-service DB transactions %.1f", rightsTransactions / iterations));
            }
            var portalTotal =
                    portalThreads.values().stream().mapToLong(Long::longValue).sum();
            if (portalTotal > 0 && cpu.getOrDefault("portal", 0L) / iterations > 500_000) {
                line.append("; portal threads: ")
                        .append(portalThreads.entrySet().stream()
                                .filter(e -> e.getValue() > 0)
                                .sorted(Map.Entry.<String, Long>comparingByValue()
                                        .reversed())
                                .limit(5)
                                .map(e -> String.format(
                                        "%s %.0f%%", e.getKey().trim(), 100.0 * e.getValue() / portalTotal))
                                .collect(Collectors.joining(", ")));
            }
            return line.toString();
        }

        /** Redis' total_commands_processed (the whole server), or -1 without redis-cli. */
        static long redisCommandCount() {
            try {
                var process = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", "6379", "info", "stats")
                        .redirectErrorStream(true)
                        .start();
                var output = new String(process.getInputStream().readAllBytes());
                process.waitFor();
                return output.lines()
                        .filter(line -> line.startsWith("total_commands_processed:"))
                        .mapToLong(line -> Long.parseLong(
                                line.substring(line.indexOf(':') + 1).trim()))
                        .findFirst()
                        .orElse(-1);
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /** Committed transactions of rights-service's database (statistics flushed about every second), or -1. */
        static long rightsTransactionCount() {
            try (var connection =
                            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                    var statement = connection.createStatement()) {
                statement.execute("select pg_stat_clear_snapshot()");
                try (var rows = statement.executeQuery(
                        "select xact_commit + xact_rollback from pg_stat_database where datname = 'rights_systest'")) {
                    return rows.next() ? rows.getLong(1) : -1;
                }
            } catch (java.sql.SQLException e) {
                return -1;
            }
        }
    }

    /** CPU of the gateway, the portal and rights-service, and of their JIT compiler threads, at one moment. */
    private record Jit(long compilers, long total) {

        static Jit of(Platform platform) {
            long compilers = 0;
            long total = 0;
            for (var service : platform.services()) {
                if (MEASURED.contains(service.name)) {
                    compilers += ProcStat.jitCompilerNanos(service.pid());
                    total += ProcStat.cpuNanosOf(service.pid());
                }
            }
            return new Jit(compilers, total);
        }

        double shareSince(Platform platform) {
            var now = of(platform);
            return (double) (now.compilers() - compilers) / Math.max(1, now.total() - total);
        }
    }

    // ------------------------------------------------------------------------------------------------ overlap

    /**
     * The system tests and the other benches drop and create the same databases and vhost when they start: figures
     * taken while one of them runs would mean nothing, and this platform's services would work on their databases. So
     * the bench looks every second for another JVM of this module's test runs and, when one appears, stops this
     * platform's services at once (SIGKILL) and fails, naming it.
     */
    private static final class OverlapGuard implements AutoCloseable {

        private static final String BOOTER = "system-tests/target/surefire/surefirebooter";
        private final java.util.concurrent.ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    var thread = new Thread(runnable, "overlap-guard");
                    thread.setDaemon(true);
                    return thread;
                });
        private volatile String other;

        OverlapGuard(Platform platform) {
            timer.scheduleWithFixedDelay(
                    () -> otherRun().ifPresent(found -> {
                        if (other == null) {
                            other = found;
                            log.error(
                                    "[bench] another test run started ({}): stopping this platform's services", found);
                            platform.services().forEach(ServiceProcess::kill9);
                        }
                    }),
                    1,
                    1,
                    java.util.concurrent.TimeUnit.SECONDS);
        }

        /** A test JVM of infra/system-tests that is neither this one nor one of its ancestors. */
        static java.util.Optional<String> otherRun() {
            var mine = new java.util.HashSet<Long>();
            for (var process = java.util.Optional.of(ProcessHandle.current());
                    process.isPresent();
                    process = process.get().parent()) {
                mine.add(process.get().pid());
            }
            return ProcessHandle.allProcesses()
                    .filter(process -> !mine.contains(process.pid()))
                    .filter(process -> process.info()
                            .commandLine()
                            .map(line -> line.contains(BOOTER))
                            .orElse(false))
                    .map(process -> "pid " + process.pid() + ", started "
                            + process.info()
                                    .startInstant()
                                    .map(Instant::toString)
                                    .orElse("?"))
                    .findFirst();
        }

        void check() {
            if (other != null) {
                throw new IllegalStateException("stopped: another run of the system tests (or a bench) started on the"
                        + " same databases (" + other + "); run the bench again when it is done");
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void deleteAll(List<KeycloakAccounts.Person> people) {
        if (people.isEmpty()) {
            return;
        }
        try (var keycloak = new KeycloakAccounts(DevSettings.load())) {
            fourAtATime(people, person -> {
                keycloak.delete(person);
                return person;
            });
        } catch (Exception e) {
            log.warn("could not remove every bench person from realm {}: {}", KeycloakAccounts.REALM, e.toString());
        }
    }

    /** Keycloak's admin API, password grants and sign-ins, four at a time (outside any measurement). */
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

    private void say(String format, Object... args) {
        var line = "[bench] " + String.format(format, args);
        report.add(line);
        log.info(line);
    }

    /**
     * After each service's own options file (the services' usual JIT, not the system tests' C1 only):
     * BENCH_SERVICE_JVM_OPTS.
     */
    private static List<String> jvmOptions() {
        var options = new ArrayList<String>();
        var extra = System.getenv("BENCH_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.strip().split("\\s+")));
        }
        return options;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long memoryGb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                            .filter(line -> line.startsWith("MemTotal:"))
                            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D+", "")))
                            .findFirst()
                            .orElse(0)
                    >> 20;
        } catch (IOException e) {
            return 0;
        }
    }

    private static int intEnv(String name, int fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    private static int bounded(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
