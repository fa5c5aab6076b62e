package dev.rightsplatform.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;

/** One service of the platform running as its own JVM from its packaged jar, as in production. */
final class ServiceProcess implements AutoCloseable {

    private List<String> command;
    private Map<String, String> env;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    final Path log;
    /** Where this run's lines begin in {@link #log} (the file is appended to, run after run). */
    long logStart;

    private Process process;
    private long launchedAt;
    /** From the last launch until the service first said it was ready (null until it has). */
    private volatile Duration startUp;

    private ServiceProcess(String name, int port, Path log) {
        this.name = name;
        this.port = port;
        this.log = log;
    }

    static ServiceProcess start(
            String name,
            Path jar,
            int port,
            Map<String, String> env,
            List<String> jvmOptions,
            List<String> args,
            Path logDir) {
        var service = new ServiceProcess(name, port, logDir.resolve(name + ".log"));
        var command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(args);
        service.command = command;
        service.env = env;
        try {
            Files.createDirectories(logDir);
            service.logStart = Files.exists(service.log) ? Files.size(service.log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.launch();
        return service;
    }

    private void launch() {
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        startUp = null;
        launchedAt = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful drain, unacknowledged messages go back to the broker. */
    void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the same service again, on the same port, and waits until it is ready. */
    void restart(Duration timeout) {
        launch();
        awaitReady(timeout);
    }

    /** The running JVM's process id (for the CPU it spent: /proc). */
    long pid() {
        return process.pid();
    }

    /** How long the last start took until the service was ready, as {@link #awaitReady} saw it (null before). */
    Duration startUp() {
        return startUp;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the service says it is ready; fails naming its log if it dies or takes too long. */
    void awaitReady(Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        var readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    if (startUp == null) {
                        startUp = Duration.ofNanos(System.nanoTime() - launchedAt);
                    }
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleepQuietly(Duration.ofMillis(300));
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
