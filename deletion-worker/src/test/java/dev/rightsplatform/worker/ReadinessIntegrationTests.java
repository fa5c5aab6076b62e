package dev.rightsplatform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The readiness probe reports the worker ready only with its database (component r2dbc: the worker has no JDBC
 * DataSource, hence no "db") and RabbitMQ reachable; and the worker listens on loopback only, unless configured
 * otherwise.
 */
class ReadinessIntegrationTests extends AbstractWorkerIntegrationTests {

    @LocalServerPort
    private int port;

    @Test
    void readinessIncludesRabbitAndTheDatabase() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = this.json.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("rabbit").path("status").asString())
                .isEqualTo("UP");
        assertThat(health.path("components").path("r2dbc").path("status").asString())
                .isEqualTo("UP");
        assertThat(health.path("components")
                        .path("readinessState")
                        .path("status")
                        .asString())
                .isEqualTo("UP");
    }

    @Test
    void healthNamesTheDueTimeScan() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        JsonNode scan = this.json.readTree(response.body()).path("components").path("dueTimeScan");
        assertThat(scan.path("status").asString()).isEqualTo("UP");
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        List<InetAddress> others = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
        assumeFalse(others.isEmpty(), "this machine has no address but loopback to try");

        for (InetAddress address : others) {
            assertThatExceptionOfType(ConnectException.class)
                    .as(address.toString())
                    .isThrownBy(() -> connect(address));
        }
    }

    private void connect(InetAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, this.port), 2000);
        }
    }
}
