package dev.rightsplatform.worker.connector.keycloak;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jspecify.annotations.Nullable;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.spi.StreamMessageBodyReader;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.ErasureRequest;

/**
 * Deletes the person's Keycloak account through the admin API. An account that is already gone counts as done,
 * which is what makes a repeated erase harmless. The admin client blocks, so calls run on the bounded-elastic
 * scheduler, never on an event loop.
 */
public final class KeycloakAccountConnector implements Connector {

    private final String systemId;

    private final String realm;

    private final Duration timeout;

    private final Keycloak keycloak;

    public KeycloakAccountConnector(String systemId, KeycloakProperties properties) {
        KeycloakConnectorType.check(properties);
        this.systemId = systemId;
        this.realm = properties.realm();
        this.timeout = properties.timeout();
        // Same providers as the admin client's default RESTEasy client, plus the timeouts it lacks.
        ResteasyClientBuilder client = ((ResteasyClientBuilder) ClientBuilder.newBuilder()).connectionPoolSize(10);
        client.connectTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
            .register(StreamMessageBodyReader.class)
            .register(JacksonProvider.class, 100);
        this.keycloak = KeycloakBuilder.builder()
            .serverUrl(properties.serverUrl().toString())
            .realm(properties.realm())
            .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
            .clientId(properties.clientId())
            .clientSecret(Objects.requireNonNull(properties.clientSecret()))
            .resteasyClient(client.build())
            .build();
    }

    @Override
    public Mono<ConnectorOutcome> erase(ErasureRequest request) {
        if (request.userId().isBlank()) {
            return Mono.just(new ConnectorOutcome.Rejected("the task names no account (empty subject.userId)"));
        }
        return Mono.fromCallable(() -> deleteAccount(request.userId()))
            .subscribeOn(Schedulers.boundedElastic())
            // The client has its own connect/read timeouts; this bounds the token call and the deletion together.
            .timeout(this.timeout.multipliedBy(2))
            .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    private ConnectorOutcome deleteAccount(String userId) {
        try (Response response = this.keycloak.realm(this.realm).users().delete(userId)) {
            int status = response.getStatus();
            if (status == 204 || status == 200) {
                return new ConnectorOutcome.Done("account deleted", null);
            }
            if (status == 404) {
                return new ConnectorOutcome.Done("account already gone", null);
            }
            return outcomeOf(status);
        }
    }

    private ConnectorOutcome outcomeOf(int status) {
        String reason = this.systemId + " answered HTTP " + status;
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return retryable ? new ConnectorOutcome.Retryable(reason) : new ConnectorOutcome.Rejected(reason);
    }

    private ConnectorOutcome outcomeOf(Throwable failure) {
        // A refused token request (e.g. 401 for a wrong client secret) arrives wrapped in a ProcessingException.
        WebApplicationException refused = webFailureIn(failure);
        if (refused != null) {
            return outcomeOf(refused.getResponse().getStatus());
        }
        if (failure instanceof TimeoutException) {
            return new ConnectorOutcome.Retryable("no answer from " + this.systemId + " within " + this.timeout);
        }
        if (failure instanceof ProcessingException) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new ConnectorOutcome.Retryable(
                    "could not reach " + this.systemId + " (" + cause.getClass().getSimpleName() + ")");
        }
        // Only the type: admin client messages can contain the request URL, which holds the account id.
        return new ConnectorOutcome.Retryable(
                "call to " + this.systemId + " failed (" + failure.getClass().getSimpleName() + ")");
    }

    private static @Nullable WebApplicationException webFailureIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException web) {
                return web;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    @Override
    public Duration timeout() {
        return this.timeout.multipliedBy(2);
    }

    @Override
    public void close() {
        this.keycloak.close();
    }

    @Override
    public String toString() {
        return "KeycloakAccountConnector[" + this.systemId + ", realm " + this.realm + "]";
    }
}
