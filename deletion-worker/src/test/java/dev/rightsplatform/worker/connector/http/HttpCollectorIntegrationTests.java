package dev.rightsplatform.worker.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.connector.Action;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.TaskRequest;
import dev.rightsplatform.worker.connector.collection.CollectionProperties;
import dev.rightsplatform.worker.connector.collection.PartUploader;
import dev.rightsplatform.worker.connector.collection.ServiceTokens;
import dev.rightsplatform.worker.connector.keycloak.KeycloakProperties;
import dev.rightsplatform.worker.support.DevSecrets;
import dev.rightsplatform.worker.support.KeycloakAccounts;
import dev.rightsplatform.worker.support.UploadReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * COLLECT from an http system that fails half-way, against a raw socket server (the JDK's server always ends a body
 * cleanly): a part that breaks off or stalls is never reported done, and is retried; so is an upload that cannot
 * reach rights-service.
 */
class HttpCollectorIntegrationTests {

    private static final Duration SYSTEM_TIMEOUT = Duration.ofMillis(700);

    private static final String PART_START = "{\"categories\":{\"messages\":[{\"n\":1},{\"n\":2},";

    private final JsonMapper json = JsonMapper.builder().build();

    private final UploadReceiver receiver = UploadReceiver.shared();

    private final TaskRequest request = new TaskRequest(
            UUID.randomUUID(), UUID.randomUUID(), "archive", Action.COLLECT, "user-42", Instant.now(), null);

    private ServerSocket system;

    @BeforeEach
    void start() throws IOException {
        this.system = new ServerSocket(0);
        this.receiver.reset();
    }

    @AfterEach
    void stop() throws IOException {
        this.system.close();
    }

    @Test
    void aPartThatBreaksOffIsRetriedAndNeverDone() {
        answerWithAPartThen(socket -> socket.close());

        ConnectorOutcome outcome = collect(this.receiver.uploadUrl());

        assertThat(outcome).isInstanceOf(ConnectorOutcome.Retryable.class);
        assertThat(((ConnectorOutcome.Retryable) outcome).reason()).startsWith("collecting from archive failed (");
        assertThat(this.receiver.uploadsFor(this.request.taskId()))
                .noneSatisfy(upload -> assertThat(upload.answered()).isEqualTo(200));
    }

    @Test
    void aPartThatStallsLongerThanTheSystemsTimeoutIsRetried() {
        answerWithAPartThen(socket -> socket.getInputStream().read()); // waits until the worker hangs up

        ConnectorOutcome outcome = collect(this.receiver.uploadUrl());

        assertThat(outcome).isEqualTo(new ConnectorOutcome.Retryable("no data from archive within " + SYSTEM_TIMEOUT));
        assertThat(this.receiver.uploadsFor(this.request.taskId()))
                .noneSatisfy(upload -> assertThat(upload.answered()).isEqualTo(200));
    }

    @Test
    void anUploadThatCannotReachRightsServiceIsRetried() {
        answerWithAPartThen(socket -> {
            OutputStream out = socket.getOutputStream();
            chunk(out, "{\"n\":3}]}}");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();
        });

        ConnectorOutcome outcome = collect("http://127.0.0.1:1/internal/v1/collections");

        assertThat(outcome)
                .isEqualTo(new ConnectorOutcome.Retryable("upload to rights-service failed (ConnectException)"));
    }

    private ConnectorOutcome collect(String uploadUrl) {
        PartUploader uploader = new PartUploader(
                new CollectionProperties(URI.create(uploadUrl), Duration.ofSeconds(20)),
                new ServiceTokens(
                        new KeycloakProperties(
                                URI.create(KeycloakAccounts.SERVER_URL),
                                KeycloakAccounts.REALM,
                                KeycloakAccounts.CLIENT_ID,
                                DevSecrets.get("WORKER_KEYCLOAK_CLIENT_SECRET"),
                                Duration.ofSeconds(5)),
                        this.json),
                this.json);
        HttpCollector collector = new HttpCollector(
                "archive",
                URI.create("http://127.0.0.1:" + this.system.getLocalPort() + "/archive/collect"),
                new SignedRequests(new WebhookSigner("s3cret"), this.json, Clock.systemUTC()),
                uploader,
                SYSTEM_TIMEOUT);
        return collector.collect(this.request).block(Duration.ofSeconds(30));
    }

    /** Accepts one call, answers 200 with the start of a chunked part, then does what comes next. */
    private void answerWithAPartThen(SocketAction next) {
        Thread server = new Thread(
                () -> {
                    try (Socket socket = this.system.accept()) {
                        readRequest(socket.getInputStream());
                        OutputStream out = socket.getOutputStream();
                        out.write(
                                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                        chunk(out, PART_START);
                        out.flush();
                        next.run(socket);
                    } catch (IOException ex) {
                        // the worker hung up: expected in these tests
                    }
                },
                "raw-system");
        server.setDaemon(true);
        server.start();
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the request head and its body (Content-Length bytes). */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new UncheckedIOException(new IOException("request ended early"));
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
    }

    @FunctionalInterface
    private interface SocketAction {

        void run(Socket socket) throws IOException;
    }
}
