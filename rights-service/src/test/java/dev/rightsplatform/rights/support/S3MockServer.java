package dev.rightsplatform.rights.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server for the tests of the S3 store, on this machine and without Docker: Adobe's S3Mock, whose
 * executable jar Maven copies to {@code target/s3mock/s3mock.jar} (maven-dependency-plugin, rights-service's pom),
 * started once per test JVM as a process of its own (it is a Spring Boot application: it must not meet ours on one
 * classpath) and stopped when the JVM exits. Its data lives in a temporary folder removed then.
 *
 * <p>S3Mock takes any credentials; the tests give the SDK's default chain the ones of {@link #ACCESS_KEY} through the
 * system properties {@code aws.accessKeyId} and {@code aws.secretAccessKey}, so the service's own code path (no
 * credentials in code) is the one tested.
 */
public final class S3MockServer {

    public static final String ACCESS_KEY = "s3mock-access-key";
    public static final String SECRET_KEY = "s3mock-secret-key";
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static volatile S3MockServer running;

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3MockServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized S3MockServer get() {
        if (running == null) {
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            running = start();
        }
        return running;
    }

    /** The server's URL ({@code rights.storage.s3.endpoint}). */
    public URI endpoint() {
        return endpoint;
    }

    /** A new bucket with a unique name. */
    public String newBucket() {
        String bucket = "rights-test-" + UUID.randomUUID().toString().substring(0, 13);
        try (S3Client client = client()) {
            client.createBucket(request -> request.bucket(bucket));
        }
        return bucket;
    }

    /** A plain SDK client on the server, to look at and tamper with what the store wrote. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private static S3MockServer start() {
        Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven, whose "
                    + "process-test-resources phase copies S3Mock's executable jar there");
        }
        try {
            Path root = Files.createTempDirectory("s3mock-root");
            int httpPort = freePort();
            int httpsPort = freePort();
            Path log = jar.resolveSibling("s3mock-" + httpPort + ".log");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    jar.toString(),
                    "--http.port=" + httpPort,
                    "--server.port=" + httpsPort,
                    "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
                    // the store's single PUT takes up to two parts; the large-object test uses 5 MB parts
                    "--com.adobe.testing.s3mock.max-payload-size=64MB",
                    "--spring.main.banner-mode=off"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var server = new S3MockServer(process, URI.create("http://127.0.0.1:" + httpPort), log);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(root), "s3mock-stop"));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Mock", e);
        }
    }

    private void awaitReady() throws IOException {
        try {
            Awaitility.await("S3Mock answering")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(this::answers);
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("S3Mock did not answer within " + START_TIMEOUT + ":\n" + tail());
        }
    }

    /** Whether S3Mock answers; fails at once (with its log) when its process ended. */
    private boolean answers() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("S3Mock stopped with exit code " + process.exitValue() + ":\n" + tail());
        }
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
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private void stop(Path root) {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        } catch (IOException | InterruptedException ignored) {
            // the JVM is exiting
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
