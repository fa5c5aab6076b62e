package dev.rightsplatform.worker.bench;

import dev.rightsplatform.testsupport.ProcStat;
import dev.rightsplatform.worker.DeletionWorkerApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker under measurement, as its own JVM (from the same class path), so that the benchmark's publisher,
 * counter and fake systems share neither its heap nor its JIT nor its thread pools; only the machine's cores. Its
 * CPU time is read from /proc, and a flight recording can be taken of it alone (jcmd JFR.start / JFR.stop).
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;

    private final int port;

    private WorkerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the worker with the given settings (as command-line arguments) and waits until it is ready. */
    static WorkerProcess start(
            Map<String, Object> settings, Map<String, String> environment, Path log, List<String> jvmOptions)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                DeletionWorkerApplication.class.getName(),
                "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        WorkerProcess worker = new WorkerProcess(builder.start(), port);
        // Also when the benchmark is stopped (timeout, Ctrl-C): never leave a worker consuming behind.
        Runtime.getRuntime().addShutdownHook(new Thread(worker.process::destroy));
        try {
            worker.awaitReady(Duration.ofMinutes(3), log);
            return worker;
        } catch (RuntimeException ex) {
            worker.close();
            throw ex;
        }
    }

    private void awaitReady(Duration timeout, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("the worker exited with " + this.process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        throw new IllegalStateException("the worker was not ready after " + timeout + "; see " + log);
    }

    /**
     * The ledger's statements so far, from the worker's own metric worker.ledger.batch.rows (claims and finishes
     * together): how many statements (each one commit) and how many tasks' rows they carried.
     */
    LedgerStatements ledgerStatements() throws IOException, InterruptedException {
        HttpRequest scrape = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10))
                .build();
        String metrics = HttpClient.newHttpClient()
                .send(scrape, HttpResponse.BodyHandlers.ofString())
                .body();
        return new LedgerStatements(
                sum(metrics, "worker_ledger_batch_rows_count"), sum(metrics, "worker_ledger_batch_rows_sum"));
    }

    /** Statements the ledger sent and the rows they carried (each task has two: its claim and its finish). */
    record LedgerStatements(double statements, double rows) {}

    private static double sum(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    long pid() {
        return this.process.pid();
    }

    /** User plus system CPU time the worker's JVM has used so far. */
    long cpuNanos() {
        return ProcStat.cpuNanosOf(pid());
    }

    /** Starts a flight recording of the worker alone (settings "profile"), to be dumped by {@link #stopRecording}. */
    void startRecording() throws Exception {
        jcmd("JFR.start", "name=bench", "settings=profile");
    }

    void stopRecording(Path file) throws Exception {
        jcmd("JFR.stop", "name=bench", "filename=" + file.toAbsolutePath());
    }

    private void jcmd(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid())));
        command.addAll(List.of(arguments));
        Process jcmd = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
