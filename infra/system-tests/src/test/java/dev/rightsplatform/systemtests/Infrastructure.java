package dev.rightsplatform.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prepares the shared infrastructure for one system-test run: fresh databases, a fresh RabbitMQ vhost, and a running
 * Keycloak (started through infra/local/keycloak when it is not up yet).
 */
final class Infrastructure {

    static final String VHOST = "rights-systest";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private Infrastructure() {}

    /** Drops and creates {@code <service>_systest} for each service, owned by the service's own login. */
    static void freshDatabases(List<String> logins) {
        try (var connection = DriverManager.getConnection(POSTGRES, "postgres", "");
                var statement = connection.createStatement()) {
            for (var login : logins) {
                statement.execute("drop database if exists " + login + "_systest with (force)");
                statement.execute("create database " + login + "_systest owner " + login);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at 127.0.0.1:5432 (run infra/local/prepare): " + e.getMessage(), e);
        }
    }

    /** Recreates the system tests' vhost, so no message of an earlier run is left in a queue. */
    static void freshVhost() {
        run(List.of("rabbitmqctl", "-q", "delete_vhost", VHOST), true);
        run(List.of("rabbitmqctl", "-q", "add_vhost", VHOST), false);
        run(List.of("rabbitmqctl", "-q", "set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*"), false);
    }

    static void ensureKeycloak(DevSettings settings) {
        if (realmAnswers(settings)) {
            return;
        }
        var script = settings.root.resolve("infra/local/keycloak").toString();
        run(List.of(script, "install"), false);
        run(List.of(script, "start"), false);
        if (!realmAnswers(settings)) {
            throw new IllegalStateException("Keycloak did not come up at " + settings.keycloakUrl);
        }
    }

    private static boolean realmAnswers(DevSettings settings) {
        var request = HttpRequest.newBuilder(
                        URI.create(settings.keycloakUrl + "/realms/rights/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return HttpClient.newHttpClient()
                            .send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command, boolean mayFail) {
        try {
            var process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0 && !mayFail) {
                throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
