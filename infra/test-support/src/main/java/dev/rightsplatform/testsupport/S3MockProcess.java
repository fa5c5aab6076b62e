package dev.rightsplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An S3-compatible server on this machine without Docker: Adobe's S3Mock from its executable jar, as a process of its
 * own (it is a Spring Boot application: it must not meet a service's on one classpath), listening on 127.0.0.1 with
 * the buckets asked for already made. S3Mock takes any credentials. Its data lives in a temporary folder removed when
 * it is closed. Plain JDK only, so any test module can use it: rights-service's S3 store tests, and the system tests,
 * whose rights-service replicas share one bucket.
 *
 * <p>The jar is Maven's to fetch: a module copies {@code com.adobe.testing:s3mock:<version>:exec} to a path of its
 * choosing (maven-dependency-plugin) and passes that path here.
 */
public final class S3MockProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Path root;

    private S3MockProcess(Process process, URI endpoint, Path log, Path root) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.root = root;
    }

    /**
     * Starts S3Mock from {@code jar} with {@code buckets} made, logging to a file beside the jar, and waits until it
     * answers; fails with the end of its log if it stops or does not answer in time.
     */
    public static S3MockProcess start(Path jar, List<String> buckets) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven, which copies S3Mock's "
                    + "executable jar there (maven-dependency-plugin)");
        }
        try {
            var root = Files.createTempDirectory("s3mock-root");
            int httpPort = freePort();
            int httpsPort = freePort();
            var log = jar.toAbsolutePath().resolveSibling("s3mock-" + httpPort + ".log");
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var command = new ArrayList<>(List.of(
                    java,
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar.toAbsolutePath().toString(),
                    "--http.port=" + httpPort,
                    "--server.port=" + httpsPort,
                    "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
                    // rights-service's store sends up to two 8 MB parts in one PUT
                    "--com.adobe.testing.s3mock.max-payload-size=64MB",
                    "--spring.main.banner-mode=off"));
            if (!buckets.isEmpty()) {
                command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets));
            }
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var server = new S3MockProcess(process, URI.create("http://127.0.0.1:" + httpPort), log, root);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Mock", e);
        }
    }

    /** The server's URL (rights-service's {@code rights.storage.s3.endpoint}; path-style access). */
    public URI endpoint() {
        return endpoint;
    }

    private void awaitReady() throws IOException {
        var deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "S3Mock stopped with exit code " + process.exitValue() + ":\n" + tail());
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT + ":\n" + tail());
    }

    private boolean answers() {
        try {
            var connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    private String tail() throws IOException {
        var lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
