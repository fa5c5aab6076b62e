package dev.rightsplatform.systemtests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform for the system tests: the four services as processes from their jars, two fake downstream
 * systems, an SMTP server, and the shared PostgreSQL, RabbitMQ and Keycloak. Started once per test run.
 */
final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final Duration STARTUP = Duration.ofSeconds(120);

    final DevSettings settings;
    final FakeDownstreamSystem crm;
    final FakeDownstreamSystem orders;
    final GreenMail mail;
    final KeycloakAccounts keycloak;
    private final List<ServiceProcess> services = new ArrayList<>();
    private ServiceProcess gateway;

    private Platform(DevSettings settings) {
        this.settings = settings;
        this.crm = new FakeDownstreamSystem("crm", settings.secret("WORKER_SYSTEMS_CRM_SECRET"));
        this.orders = new FakeDownstreamSystem("orders", settings.secret("WORKER_SYSTEMS_ORDERS_SECRET"));
        this.mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.keycloak = new KeycloakAccounts(settings);
    }

    static Platform start() {
        var settings = DevSettings.load();
        Infrastructure.ensureKeycloak(settings);
        Infrastructure.freshDatabases(List.of("rights", "worker", "notification"));
        Infrastructure.freshVhost();
        var platform = new Platform(settings);
        try {
            platform.mail.start();
            platform.startServices();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    String gatewayUrl() {
        return gateway.baseUrl();
    }

    private void startServices() {
        var logs = settings.root.resolve("infra/system-tests/target/service-logs");
        var env = new HashMap<>(settings.secrets);
        var rights = launch("rights-service", env, logs, database("rights"));
        var worker = launch("deletion-worker", env, logs, concat(database("worker"), List.of(
                "--worker.systems.crm.url=" + crm.eraseUrl(),
                "--worker.systems.orders.url=" + orders.eraseUrl(),
                "--worker.keycloak.server-url=" + settings.keycloakUrl)));
        var notification = launch("notification-service", env, logs, concat(database("notification"), List.of(
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.getSmtp().getPort())));
        gateway = launch("gateway", env, logs, List.of("--gateway.routes.rights-service=" + rights.baseUrl()));
        for (var service : List.of(rights, worker, notification, gateway)) {
            service.awaitReady(STARTUP);
            log.info("{} ready on port {}", service.name, service.port);
        }
    }

    private ServiceProcess launch(String module, Map<String, String> env, Path logs, List<String> args) {
        var all = concat(args, List.of("--spring.rabbitmq.virtual-host=" + Infrastructure.VHOST));
        var service = ServiceProcess.start(module, settings.jarOf(module), freePort(), env, all, logs);
        services.add(service);
        return service;
    }

    private static List<String> database(String name) {
        return List.of(
                "--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:5432/" + name + "_systest",
                "--spring.flyway.url=jdbc:postgresql://127.0.0.1:5432/" + name + "_systest");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        mail.stop();
        crm.close();
        orders.close();
        keycloak.close();
    }
}
