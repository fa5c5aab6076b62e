package dev.rightsplatform.portal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Another portal replica, as its own process on this test's class path, sharing only Redis and Keycloak. */
final class SecondPortal implements AutoCloseable {

    private final Process process;
    private final int port;

    private SecondPortal(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SecondPortal start(String apiUrl) throws IOException, InterruptedException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var log = Files.createTempFile("second-portal", ".log");
        var process = new ProcessBuilder(
                        List.of(
                                java,
                                "-Xmx256m",
                                "-XX:TieredStopAtLevel=1",
                                "-cp",
                                System.getProperty("java.class.path"),
                                PortalApplication.class.getName(),
                                "--server.port=" + port,
                                "--spring.profiles.active=dev",
                                "--portal.api-url=" + apiUrl,
                                "--spring.session.data.redis.namespace=portal-test:session",
                                "--spring.security.oauth2.client.registration.keycloak.client-secret=portal-dev-client-secret-0123456789"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var second = new SecondPortal(process, port);
        var http = HttpClient.newHttpClient();
        try {
            Awaitility.await("the second portal ready")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> second.ready(http, log));
            return second;
        } catch (ConditionTimeoutException e) {
            second.close();
            throw new IllegalStateException("the second portal was not ready within 90 s: " + Files.readString(log));
        }
    }

    /** Whether it answers ready; fails at once (with its log) when its process ended. */
    private boolean ready(HttpClient http, Path log) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the second portal stopped: " + Files.readString(log));
        }
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(
                                                    "http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
