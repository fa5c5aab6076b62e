package dev.rightsplatform.notification;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Readiness covers everything the service needs to do its job: RabbitMQ, its database (component r2dbc: there is no
 * JDBC DataSource, hence no "db") and the SMTP server. The service listens on loopback only unless configured
 * otherwise.
 */
class HealthIntegrationTests extends AbstractNotificationIntegrationTests {

    @Autowired
    private WebTestClient web;

    @LocalServerPort
    private int port;

    @Test
    void readyWhenRabbitDatabaseAndMailAreUp() {
        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.rabbit.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
                .jsonPath("$.components.mail.status")
                .isEqualTo("UP");
    }

    @Test
    void notReadyWhileTheMailServerIsDown() {
        smtp.stop();

        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.components.mail.status")
                .isEqualTo("DOWN");
    }

    @Test
    void aliveEvenWhenTheMailServerIsDown() {
        smtp.stop();

        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
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
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }
}
