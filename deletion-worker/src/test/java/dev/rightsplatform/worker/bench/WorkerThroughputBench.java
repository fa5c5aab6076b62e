package dev.rightsplatform.worker.bench;

import com.rabbitmq.client.Channel;
import dev.rightsplatform.testsupport.ProcStat;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Measures, in one run on loopback: (a) the raw rate of RabbitMQ publish-with-confirms and consume on a quorum
 * queue, (a') the rate of the worker's message pattern with no work ({@link BenchRelay}), and (b) the worker's task
 * rate: TaskCommands published to rights.tasks for 5 instant http systems, counted
 * as TaskResults on a queue bound to rights.task-results. Both use the same publisher and the same number of
 * unacked messages in flight (systems x concurrency). The worker runs as its own JVM ({@link WorkerProcess}); the
 * publisher, the counter and the fake systems run here. Each phase also reports the CPU time it cost (worker JVM,
 * this JVM, and the whole machine's busy share, other people's work included). Bounded: BENCH_TASKS (default 3000,
 * at most 50000) and a timeout per phase. BENCH_JFR names a file to record the worker's measured phase to,
 * BENCH_WORKER_JVM_OPTS gives the worker's JVM options.
 * Run by infra/bench/worker-throughput.
 */
public final class WorkerThroughputBench {

    private static final int SYSTEMS = 5;

    private static final int WINDOW = 64;

    private static final long TIMEOUT_SECONDS = 180;

    private static final int WARM_UP_ROUNDS = 40;

    /** The ledger's database, made afresh by each run: BENCH_DATABASE, default worker_bench. */
    private static final String DATABASE = database();

    private WorkerThroughputBench() {}

    public static void main(String[] args) throws Exception {
        int tasks = Math.max(100, Math.min(50_000, intEnv("BENCH_TASKS", 3000)));
        // The baselines are fast: 3000 messages take RabbitMQ under 0.2 s, too short a phase for a steady figure.
        int messages = Math.max(100, Math.min(100_000, intEnv("BENCH_RAW_MESSAGES", 10_000)));
        int concurrency = Math.max(1, Math.min(64, intEnv("BENCH_CONCURRENCY", 8)));
        int warmUp = Math.max(100, Math.min(50_000, intEnv("BENCH_WARMUP", 2000)));
        String vhost = System.getenv().getOrDefault("BENCH_VHOST", "rights-worker-bench");
        String jfr = System.getenv("BENCH_JFR");
        Path workerLog = Path.of(System.getenv().getOrDefault("BENCH_WORKER_LOG", "worker-throughput-worker.log"));
        try (InstantSystems systems = new InstantSystems();
                BenchRabbit rabbit = new BenchRabbit(vhost)) {
            Path registry = registry(systems, concurrency);
            freshDatabase();
            try (WorkerProcess worker = WorkerProcess.start(
                    workerSettings(vhost),
                    Map.of("SYSTEM_REGISTRY_FILE", registry.toString()),
                    workerLog,
                    jvmOptions())) {
                declareQueues(rabbit);
                warmUp(rabbit, worker, warmUp);
                // Raw RabbitMQ just before and just after the worker, so that a busy spell on the shared machine
                // during one of them shows; the ratio is against their mean.
                double rawBefore = raw(rabbit, worker, messages, SYSTEMS * concurrency, "before");
                double singleBefore = relay(rabbit, worker, messages, concurrency, 1, "before");
                double relayBefore = relay(rabbit, worker, messages, 1, concurrency, "before");
                if (jfr != null && !jfr.isBlank()) {
                    worker.startRecording();
                }
                double measured = run(rabbit, worker, tasks, "measured").rate();
                if (jfr != null && !jfr.isBlank()) {
                    worker.stopRecording(Path.of(jfr));
                    System.out.printf("[bench] flight recording of the worker's measured phase: %s%n", jfr);
                }
                double relayAfter = relay(rabbit, worker, messages, 1, concurrency, "after");
                double singleAfter = relay(rabbit, worker, messages, concurrency, 1, "after");
                double rawAfter = raw(rabbit, worker, messages, SYSTEMS * concurrency, "after");
                double raw = (rawBefore + rawAfter) / 2;
                double relay = (relayBefore + relayAfter) / 2;
                double single = (singleBefore + singleAfter) / 2;
                System.out.printf(
                        "[bench] worker / raw = %.0f %% (%.0f tasks/s against %.0f msg/s, the mean of %.0f"
                                + " and %.0f); %d calls to the systems; load average %s%n",
                        100 * measured / raw,
                        measured,
                        raw,
                        rawBefore,
                        rawAfter,
                        systems.calls(),
                        ProcStat.loadAverage());
                System.out.printf(
                        "[bench] worker / relay = %.0f %% (%.0f tasks/s against %.0f relayed/s, the mean of"
                                + " %.0f and %.0f; target >= 50 %%)%n",
                        100 * measured / relay, measured, relay, relayBefore, relayAfter);
                System.out.printf(
                        "[bench] relay / raw = %.0f %% (target >= 60 %%); the relay that settles one by one"
                                + " (prefetch 1): %.0f relayed/s (%.0f and %.0f), %.0f %% of raw; worker / it = %.0f %%%n",
                        100 * relay / raw,
                        single,
                        singleBefore,
                        singleAfter,
                        100 * single / raw,
                        100 * measured / single);
            } finally {
                try (Channel channel = rabbit.channel()) {
                    channel.queueDelete("bench.raw");
                    channel.queueDelete("bench.results");
                    for (int i = 1; i <= SYSTEMS; i++) {
                        channel.queueDelete("bench.relay-" + i);
                    }
                }
            }
        }
        System.exit(0);
    }

    /**
     * Rounds of warm-up tasks until the JIT compiler has settled: until it takes less than a tenth of the worker's
     * CPU (a long-running worker's steady state), at most {@link #WARM_UP_ROUNDS} rounds. Otherwise the measured
     * phase would mostly measure compilation.
     */
    private static void warmUp(BenchRabbit rabbit, WorkerProcess worker, int tasksPerRound) throws Exception {
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            Phase phase = run(rabbit, worker, tasksPerRound, "warm-up " + round);
            System.out.printf(
                    "[bench]   its JIT compiler took %.0f %% of the worker's CPU%n", 100 * phase.compilerShare());
            if (phase.compilerShare() < 0.10) {
                return;
            }
        }
        System.out.printf("[bench] the JIT compiler had not settled after %d warm-up rounds%n", WARM_UP_ROUNDS);
    }

    private static double raw(BenchRabbit rabbit, WorkerProcess worker, int count, int prefetch, String when)
            throws Exception {
        awaitIdle(worker);
        byte[] body = command(UUID.randomUUID(), "bench-1");
        String prefix = "raw-" + when + "-";
        BenchRabbit.Counter counter = rabbit.consume("bench.raw", prefetch, count, id -> id.startsWith(prefix));
        Cost cost = Cost.start(worker);
        long start = System.nanoTime();
        rabbit.publish(
                count,
                WINDOW,
                i -> new BenchRabbit.Outgoing("", "bench.raw", prefix + i, "TaskCommand", body),
                TIMEOUT_SECONDS);
        await(counter, "raw");
        counter.stop();
        double rate = rate(count, counter.endNanos - start);
        System.out.printf(
                "[bench] raw RabbitMQ (%s): %d messages published with confirms (window %d) to a quorum"
                        + " queue and consumed with acks (prefetch %d) in %d ms = %.0f msg/s%n",
                when, count, WINDOW, prefetch, TimeUnit.NANOSECONDS.toMillis(counter.endNanos - start), rate);
        cost.report("[bench]", "raw RabbitMQ (" + when + ")", count, "message");
        return rate;
    }

    /**
     * The worker's message pattern with no work ({@link BenchRelay}): the same commands to the same number of
     * queues, each answered by a confirmed reply before its ack; counted on the same results queue. Either
     * consumersPerQueue consumers of prefetch 1 (settling one by one), or one consumer of prefetch = the worker's
     * concurrency (settling in batches, as the worker does).
     */
    private static double relay(
            BenchRabbit rabbit, WorkerProcess worker, int count, int consumersPerQueue, int prefetch, String when)
            throws Exception {
        awaitIdle(worker);
        List<String> queues = new java.util.ArrayList<>();
        try (Channel channel = rabbit.channel()) {
            for (int i = 1; i <= SYSTEMS; i++) {
                String queue = "bench.relay-" + i;
                channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
                channel.queuePurge(queue);
                queues.add(queue);
            }
        }
        String prefix = "relay-" + when + "-";
        BenchRabbit.Counter counter =
                rabbit.consume("bench.results", 100, count, id -> id.startsWith(prefix) && id.endsWith(":result"));
        Cost cost;
        long start;
        try (BenchRabbit replies = new BenchRabbit(rabbit.virtualHost());
                BenchRelay relay =
                        new BenchRelay(rabbit, replies, queues, consumersPerQueue, prefetch, "bench.results")) {
            cost = Cost.start(worker);
            start = System.nanoTime();
            rabbit.publish(
                    count,
                    WINDOW,
                    i -> {
                        UUID id = UUID.randomUUID();
                        return new BenchRabbit.Outgoing(
                                "",
                                queues.get(i % SYSTEMS),
                                prefix + id,
                                "TaskCommand",
                                command(id, "bench-" + (i % SYSTEMS + 1)));
                    },
                    TIMEOUT_SECONDS);
            await(counter, "relay", relay::failure);
        }
        counter.stop();
        double rate = rate(count, counter.endNanos - start);
        String shape = (prefetch == 1) ? "one by one" : "batched";
        System.out.printf(
                "[bench] raw relay, %s (%s): %d messages to %d quorum queues, %d consumer(s) per queue (prefetch %d),"
                        + " each answered with a confirmed reply, then acked, in %d ms = %.0f relayed/s%n",
                shape,
                when,
                count,
                SYSTEMS,
                consumersPerQueue,
                prefetch,
                TimeUnit.NANOSECONDS.toMillis(counter.endNanos - start),
                rate);
        cost.report("[bench]", "raw relay, " + shape + " (" + when + ")", count, "message");
        return rate;
    }

    /**
     * Waits (at most 30 s) until the worker's JVM is idle (under 5 % of a core over half a second), so that its JIT
     * compiler, still busy after the warm-up, does not take the raw phase's CPU and lower the baseline.
     */
    private static void awaitIdle(WorkerProcess worker) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long interval = TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < deadline) {
            long before = worker.cpuNanos();
            LockSupport.parkNanos(interval);
            if (worker.cpuNanos() - before < interval / 20) {
                return;
            }
        }
        System.out.printf("[bench] the worker's JVM was still busy 30 s after its last task%n");
    }

    /** A phase's rate, and the share of the worker's CPU its JIT compiler took meanwhile. */
    private record Phase(double rate, double compilerShare) {}

    private static Phase run(BenchRabbit rabbit, WorkerProcess worker, int count, String phase) throws Exception {
        UUID[] ids = new UUID[count];
        Set<String> wanted = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
            wanted.add(ids[i] + ":result");
        }
        BenchRabbit.Counter counter = rabbit.consume("bench.results", 100, count, wanted::contains);
        Cost cost = Cost.start(worker);
        long start = System.nanoTime();
        rabbit.publish(
                count,
                WINDOW,
                i -> {
                    String system = "bench-" + (i % SYSTEMS + 1);
                    return new BenchRabbit.Outgoing(
                            "rights.tasks",
                            "task.erase." + system,
                            ids[i].toString(),
                            "TaskCommand",
                            command(ids[i], system));
                },
                TIMEOUT_SECONDS);
        await(counter, phase);
        counter.stop();
        double rate = rate(count, counter.endNanos - start);
        System.out.printf(
                "[bench] worker (%s): %d tasks for %d instant http systems, from the first TaskCommand"
                        + " published to the last TaskResult received, in %d ms = %.0f tasks/s%n",
                phase, count, SYSTEMS, TimeUnit.NANOSECONDS.toMillis(counter.endNanos - start), rate);
        // A warm-up round's costs stay in the log only; the script shows the rate of each round.
        String tag = phase.startsWith("warm-up") ? "[cost]" : "[bench]";
        double compilerShare = cost.report(tag, "worker (" + phase + ")", count, "task");
        return new Phase(rate, compilerShare);
    }

    /**
     * CPU time spent from start to report: by the worker's JVM (and, by thread group, where in it), by this JVM,
     * and by the whole machine.
     */
    private record Cost(
            WorkerProcess worker,
            long workerStart,
            Map<String, Long> threadsStart,
            long benchStart,
            Map<String, Long> serversStart,
            long ledgerStart,
            WorkerProcess.LedgerStatements ledgerStatementsStart,
            long[] machineStart,
            long wallStart) {

        /** RabbitMQ's Erlang VM and PostgreSQL's processes; they serve other people's work on this machine too. */
        private static final String[] SERVERS = {"beam.smp", "postgres"};

        static Cost start(WorkerProcess worker) throws Exception {
            return new Cost(
                    worker,
                    worker.cpuNanos(),
                    ProcStat.threadGroupNanos(worker.pid()),
                    ProcStat.cpuNanosOf(ProcessHandle.current().pid()),
                    ProcStat.processNanos(SERVERS),
                    ledgerBackendsNanos(),
                    worker.ledgerStatements(),
                    ProcStat.machineTicks(),
                    System.nanoTime());
        }

        /** Processes that ended meanwhile take their time with them: never below zero, an estimate from below. */
        private long spentSince(Map<String, Long> servers, String name) {
            return Math.max(0, servers.getOrDefault(name, 0L) - this.serversStart.getOrDefault(name, 0L));
        }

        /** The ledger's statements (each one commit) per task: two per task, fewer when they go in batches. */
        private void printLedger(String tag, String unit, int count) throws Exception {
            WorkerProcess.LedgerStatements now = this.worker.ledgerStatements();
            double statements = now.statements() - this.ledgerStatementsStart.statements();
            double rows = now.rows() - this.ledgerStatementsStart.rows();
            System.out.printf(
                    "%s   ledger: %.2f commits per %s, %.1f tasks' rows per statement (two statements per task, in"
                            + " batches under load)%n",
                    tag, statements / count, unit, rows / Math.max(1, statements));
        }

        /** Prints the costs; returns the share of the worker's CPU its JIT compiler threads took. */
        double report(String tag, String phase, int count, String unit) throws Exception {
            long workerCpu = this.worker.cpuNanos() - this.workerStart;
            long benchCpu = ProcStat.cpuNanosOf(ProcessHandle.current().pid()) - this.benchStart;
            long[] machine = ProcStat.machineTicks();
            double wall = (System.nanoTime() - this.wallStart) / 1e9;
            double busy = (double) (machine[0] - this.machineStart[0]) / Math.max(1, machine[1] - this.machineStart[1]);
            System.out.printf(
                    "%s   cpu of %s: worker JVM %.2f cores (%.0f us/%s), benchmark JVM %.2f cores"
                            + " (%.0f us/%s), machine %.0f %% busy over %d cores%n",
                    tag,
                    phase,
                    workerCpu / 1e9 / wall,
                    workerCpu / 1e3 / count,
                    unit,
                    benchCpu / 1e9 / wall,
                    benchCpu / 1e3 / count,
                    unit,
                    100 * busy,
                    Runtime.getRuntime().availableProcessors());
            Map<String, Long> servers = ProcStat.processNanos(SERVERS);
            System.out.printf(
                    "%s   servers (all their clients, not only this benchmark), per %s: RabbitMQ %.0f"
                            + " us, PostgreSQL %.0f us (of which the worker's own connections %.0f us)%n",
                    tag,
                    unit,
                    spentSince(servers, "beam.smp") / 1e3 / count,
                    spentSince(servers, "postgres") / 1e3 / count,
                    (ledgerBackendsNanos() - this.ledgerStart) / 1e3 / count);
            if ("task".equals(unit)) {
                printLedger(tag, unit, count);
            }
            if (workerCpu <= 0) {
                return 0;
            }
            Map<String, Long> threads = ProcStat.threadGroupNanos(this.worker.pid());
            List<Map.Entry<String, Long>> spent = threads.entrySet().stream()
                    .map(group -> Map.entry(
                            group.getKey(), group.getValue() - this.threadsStart.getOrDefault(group.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .toList();
            System.out.printf(
                    "%s   worker threads, per %s: %s%n",
                    tag,
                    unit,
                    spent.stream()
                            .filter(group -> group.getValue() > workerCpu / 50)
                            .map(group -> String.format("%s %.0f us", group.getKey(), group.getValue() / 1e3 / count))
                            .collect(Collectors.joining(", ")));
            long compiler = spent.stream()
                    .filter(group -> ProcStat.isJitCompiler(group.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            return (double) compiler / workerCpu;
        }
    }

    private static void await(BenchRabbit.Counter counter, String phase) throws InterruptedException {
        await(counter, phase, () -> null);
    }

    /** Waits for the counter; fails at once when failure says something went wrong (null while all is well). */
    private static void await(BenchRabbit.Counter counter, String phase, Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!counter.done.await(200, TimeUnit.MILLISECONDS)) {
            if (failure.get() != null) {
                throw new IllegalStateException(phase + ": " + failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        phase + ": only " + counter.count() + " arrived within " + TIMEOUT_SECONDS + " s");
            }
        }
    }

    private static double rate(int count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static byte[] command(UUID taskId, String systemId) {
        Instant now = Instant.now();
        return ("{\"taskId\":\"" + taskId + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"requestType\":"
                        + "\"DEREGISTER\",\"action\":\"ERASE\",\"systemId\":\"" + systemId
                        + "\",\"subject\":{\"userId\":"
                        + "\"bench-user\"},\"dueAt\":\"" + now.plusSeconds(86_400) + "\",\"issuedAt\":\"" + now + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void declareQueues(BenchRabbit rabbit) throws Exception {
        try (Channel channel = rabbit.channel()) {
            Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
            channel.queueDeclare("bench.raw", true, false, false, quorum);
            channel.queuePurge("bench.raw");
            channel.queueDeclare("bench.results", true, false, false, quorum);
            channel.queuePurge("bench.results");
            channel.queueBind("bench.results", "rights.task-results", "result.#");
            for (int i = 1; i <= SYSTEMS; i++) {
                channel.queuePurge("deletion-worker.tasks.bench-" + i);
            }
        }
    }

    private static Path registry(InstantSystems systems, int concurrency) throws Exception {
        StringBuilder yaml = new StringBuilder("platform:\n  systems:\n");
        for (int i = 1; i <= SYSTEMS; i++) {
            String id = "bench-" + i;
            yaml.append("    ")
                    .append(id)
                    .append(":\n      type: http\n      concurrency: ")
                    .append(concurrency)
                    .append("\n      url: ")
                    .append(systems.urlOf(id))
                    .append("\n      secret: bench-only-secret\n");
        }
        Path file = Files.createTempFile("bench-systems", ".yml");
        file.toFile().deleteOnExit();
        return Files.writeString(file, yaml);
    }

    /**
     * CPU time of the PostgreSQL backends serving worker_bench (the worker's pool), for the part of PostgreSQL's
     * cost that is the ledger's alone. Background processes (WAL writer, checkpointer) are not in it.
     */
    private static long ledgerBackendsNanos() {
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement();
                ResultSet pids =
                        statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = '" + DATABASE + "'")) {
            long nanos = 0;
            while (pids.next()) {
                try {
                    nanos += ProcStat.cpuNanosOf(pids.getLong(1));
                } catch (UncheckedIOException gone) {
                    // the connection closed meanwhile
                }
            }
            return nanos;
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A database of its own, made afresh, so the ledger starts empty (as user postgres, local trust login). */
    private static void freshDatabase() throws Exception {
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static Map<String, Object> workerSettings(String vhost) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:5432/" + DATABASE);
        properties.put("spring.r2dbc.username", "postgres");
        properties.put("spring.r2dbc.password", "unused-with-trust-authentication");
        properties.put("spring.r2dbc.pool.max-size", 20);
        properties.put("spring.flyway.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        properties.put("spring.flyway.user", "postgres");
        properties.put("spring.flyway.password", "unused-with-trust-authentication");
        properties.put("spring.rabbitmq.virtual-host", vhost);
        properties.put("worker.keycloak.client-secret", "unused-no-keycloak-system-here");
        // One log line per task would measure the console; warnings still show.
        properties.put("logging.level.dev.rightsplatform", "WARN");
        return properties;
    }

    /** BENCH_WORKER_JVM_OPTS: options for the worker's JVM, separated by spaces (e.g. GC or JIT settings). */
    private static List<String> jvmOptions() {
        String options = System.getenv("BENCH_WORKER_JVM_OPTS");
        return (options == null || options.isBlank())
                ? List.of()
                : List.of(options.strip().split("\\s+"));
    }

    private static String database() {
        String name = System.getenv().getOrDefault("BENCH_DATABASE", "worker_bench");
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("BENCH_DATABASE must be a plain lowercase identifier: " + name);
        }
        return name;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.strip());
    }
}
