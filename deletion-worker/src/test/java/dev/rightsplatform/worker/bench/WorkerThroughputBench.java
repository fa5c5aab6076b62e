package dev.rightsplatform.worker.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.rightsplatform.worker.DeletionWorkerApplication;

/**
 * Measures, in one run on loopback: (a) the raw rate of RabbitMQ publish-with-confirms and consume on a quorum
 * queue, and (b) the worker's task rate: TaskCommands published to rights.tasks for 5 instant http systems, counted
 * as TaskResults on a queue bound to rights.task-results. Both use the same publisher and the same number of
 * unacked messages in flight (systems x concurrency). Bounded: BENCH_TASKS (default 3000, at most 50000) and a
 * timeout per phase. Run by infra/bench/worker-throughput.
 */
public final class WorkerThroughputBench {

    private static final int SYSTEMS = 5;

    private static final int WINDOW = 64;

    private static final long TIMEOUT_SECONDS = 180;

    private WorkerThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Math.max(100, Math.min(50_000, intEnv("BENCH_TASKS", 3000)));
        int concurrency = Math.max(1, Math.min(64, intEnv("BENCH_CONCURRENCY", 8)));
        int warmUp = Math.max(100, Math.min(50_000, intEnv("BENCH_WARMUP", 2000)));
        String vhost = System.getenv().getOrDefault("BENCH_VHOST", "rights-worker-bench");
        try (InstantSystems systems = new InstantSystems(); BenchRabbit rabbit = new BenchRabbit(vhost)) {
            System.setProperty("SYSTEM_REGISTRY_FILE", registry(systems, concurrency).toString());
            freshDatabase();
            try (ConfigurableApplicationContext worker = startWorker(vhost)) {
                declareQueues(rabbit);
                run(rabbit, warmUp, "warm-up");
                double raw = raw(rabbit, tasks, SYSTEMS * concurrency);
                double measured = run(rabbit, tasks, "measured");
                System.out.printf("[bench] worker / raw = %.0f %% (target >= 50 %%); %d calls to the systems%n",
                        100 * measured / raw, systems.calls());
            }
            finally {
                try (Channel channel = rabbit.channel()) {
                    channel.queueDelete("bench.raw");
                    channel.queueDelete("bench.results");
                }
            }
        }
        System.exit(0);
    }

    private static double raw(BenchRabbit rabbit, int count, int prefetch) throws Exception {
        byte[] body = command(UUID.randomUUID(), "bench-1");
        BenchRabbit.Counter counter = rabbit.consume("bench.raw", prefetch, count, id -> id.startsWith("raw-"));
        long start = System.nanoTime();
        rabbit.publish(count, WINDOW, i -> new BenchRabbit.Outgoing("", "bench.raw", "raw-" + i, "TaskCommand", body),
                TIMEOUT_SECONDS);
        await(counter, "raw");
        counter.stop();
        double rate = rate(count, counter.endNanos - start);
        System.out.printf("[bench] raw RabbitMQ: %d messages published with confirms (window %d) to a quorum queue"
                + " and consumed with acks (prefetch %d) in %d ms = %.0f msg/s%n", count, WINDOW, prefetch,
                TimeUnit.NANOSECONDS.toMillis(counter.endNanos - start), rate);
        return rate;
    }

    private static double run(BenchRabbit rabbit, int count, String phase) throws Exception {
        UUID[] ids = new UUID[count];
        Set<String> wanted = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
            wanted.add(ids[i] + ":result");
        }
        BenchRabbit.Counter counter = rabbit.consume("bench.results", 100, count, wanted::contains);
        long start = System.nanoTime();
        rabbit.publish(count, WINDOW, i -> {
            String system = "bench-" + (i % SYSTEMS + 1);
            return new BenchRabbit.Outgoing("rights.tasks", "task.erase." + system, ids[i].toString(), "TaskCommand",
                    command(ids[i], system));
        }, TIMEOUT_SECONDS);
        await(counter, phase);
        counter.stop();
        double rate = rate(count, counter.endNanos - start);
        System.out.printf("[bench] worker (%s): %d tasks for %d instant http systems, from the first TaskCommand"
                + " published to the last TaskResult received, in %d ms = %.0f tasks/s%n", phase, count, SYSTEMS,
                TimeUnit.NANOSECONDS.toMillis(counter.endNanos - start), rate);
        return rate;
    }

    private static void await(BenchRabbit.Counter counter, String phase) throws InterruptedException {
        if (!counter.done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(phase + ": only " + counter.count() + " arrived within "
                    + TIMEOUT_SECONDS + " s");
        }
    }

    private static double rate(int count, long nanos) {
        return count / (nanos / 1e9);
    }

    private static byte[] command(UUID taskId, String systemId) {
        Instant now = Instant.now();
        return ("{\"taskId\":\"" + taskId + "\",\"requestId\":\"" + UUID.randomUUID() + "\",\"requestType\":"
                + "\"DEREGISTER\",\"action\":\"ERASE\",\"systemId\":\"" + systemId + "\",\"subject\":{\"userId\":"
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
            yaml.append("    ").append(id).append(":\n      type: http\n      concurrency: ").append(concurrency)
                .append("\n      url: ").append(systems.urlOf(id)).append("\n      secret: bench-only-secret\n");
        }
        Path file = Files.createTempFile("bench-systems", ".yml");
        file.toFile().deleteOnExit();
        return Files.writeString(file, yaml);
    }

    /** A database of its own, made afresh, so the ledger starts empty (as user postgres, local trust login). */
    private static void freshDatabase() throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
                ""); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS worker_bench WITH (FORCE)");
            statement.execute("CREATE DATABASE worker_bench");
        }
    }

    private static ConfigurableApplicationContext startWorker(String vhost) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:5432/worker_bench");
        properties.put("spring.r2dbc.username", "postgres");
        properties.put("spring.r2dbc.password", "unused-with-trust-authentication");
        properties.put("spring.r2dbc.pool.max-size", 20);
        properties.put("spring.flyway.url", "jdbc:postgresql://127.0.0.1:5432/worker_bench");
        properties.put("spring.flyway.user", "postgres");
        properties.put("spring.flyway.password", "unused-with-trust-authentication");
        properties.put("spring.rabbitmq.virtual-host", vhost);
        properties.put("server.port", 0);
        properties.put("worker.keycloak.client-secret", "unused-no-keycloak-system-here");
        // One log line per task would measure the console; warnings still show.
        properties.put("logging.level.dev.rightsplatform", "WARN");
        // As arguments: they must win over application.yml (builder properties would only be defaults).
        return new SpringApplicationBuilder(DeletionWorkerApplication.class).run(properties.entrySet()
            .stream()
            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new));
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.strip());
    }
}
