package dev.rightsplatform.worker.connector.keycloak;

import dev.rightsplatform.worker.connector.Connector;
import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.Proof;
import dev.rightsplatform.worker.connector.TaskRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.resteasy.client.jaxrs.ResteasyClientBuilder;
import org.jspecify.annotations.Nullable;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.admin.client.resource.UsersResource;
import org.keycloak.admin.client.spi.StreamMessageBodyReader;
import org.keycloak.representations.idm.UserRepresentation;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The person's Keycloak account, through the admin API: DISABLE turns it off and ends every session (the start of
 * cooling-off), ENABLE turns it on again, ERASE deletes it. Each is idempotent: disabling a disabled account, or
 * deleting one that is already gone, is done. A privileged account (see {@link PrivilegedAccounts}) is never
 * disabled or erased, whoever asks: the task is BLOCKED with the reason, so the request needs an agent. The admin
 * client blocks, so calls run on the bounded-elastic scheduler, never on an event loop.
 */
public final class KeycloakAccountConnector implements Connector {

    private final String systemId;

    private final String realm;

    private final Duration timeout;

    private final KeycloakProperties properties;

    /**
     * The admin client, made at the first call rather than at start-up: RESTEasy and Jackson 2 load some 700 classes
     * that nothing else in the worker needs, and making it calls nobody, so nothing is checked any earlier by making it
     * at start. Guarded by {@code this}.
     */
    private @Nullable Keycloak keycloak;

    private final PrivilegedAccounts privileged;

    public KeycloakAccountConnector(String systemId, KeycloakProperties properties) {
        KeycloakConnectorType.check(properties);
        this.systemId = systemId;
        this.properties = properties;
        this.realm = properties.realm();
        this.timeout = properties.timeout();
        this.privileged = new PrivilegedAccounts(properties.privilegedRealmRoles(), properties.privilegedClients());
    }

    private synchronized Keycloak keycloak() {
        if (this.keycloak == null) {
            this.keycloak = adminClient(this.properties);
        }
        return this.keycloak;
    }

    private static Keycloak adminClient(KeycloakProperties properties) {
        // Same providers as the admin client's default RESTEasy client, plus the timeouts it lacks.
        ResteasyClientBuilder client = ((ResteasyClientBuilder) ClientBuilder.newBuilder()).connectionPoolSize(10);
        client.connectTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(StreamMessageBodyReader.class)
                .register(JacksonProvider.class, 100);
        return KeycloakBuilder.builder()
                .serverUrl(properties.serverUrl().toString())
                .realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(properties.clientId())
                .clientSecret(Objects.requireNonNull(properties.clientSecret()))
                .resteasyClient(client.build())
                .build();
    }

    @Override
    public String type() {
        return "keycloak";
    }

    @Override
    public Mono<ConnectorOutcome> erase(TaskRequest request) {
        return call(
                request,
                userId -> unlessPrivileged(
                        userId,
                        "erased",
                        new ConnectorOutcome.Done("account already gone", null, Proof.deleted(0), List.of()),
                        (user, account) -> deleteAccount(userId)));
    }

    @Override
    public Mono<ConnectorOutcome> disable(TaskRequest request) {
        return call(
                request,
                userId -> unlessPrivileged(
                        userId,
                        "disabled",
                        new ConnectorOutcome.Done("account already gone", null),
                        (user, account) -> setEnabled(user, account, false)));
    }

    @Override
    public Mono<ConnectorOutcome> enable(TaskRequest request) {
        // No check: enabling undoes a DISABLE (the person cancelled), which harms no one.
        return call(request, userId -> {
            UserResource user = users().get(userId);
            try {
                return setEnabled(user, user.toRepresentation(), true);
            } catch (NotFoundException ex) {
                return new ConnectorOutcome.Rejected("the account no longer exists");
            }
        });
    }

    private Mono<ConnectorOutcome> call(TaskRequest request, Function<String, ConnectorOutcome> call) {
        if (request.userId().isBlank()) {
            return Mono.just(new ConnectorOutcome.Rejected("the task names no account (empty subject.userId)"));
        }
        return Mono.fromCallable(() -> call.apply(request.userId()))
                .subscribeOn(Schedulers.boundedElastic())
                // The client has its own connect/read timeouts; this bounds the token call and the admin calls
                // together.
                .timeout(timeout())
                .onErrorResume(ex -> Mono.just(outcomeOf(ex)));
    }

    /**
     * Reads the account and acts on it only when it is an ordinary one; an account already gone is done (an
     * earlier attempt of this task, or someone else, removed it).
     */
    private ConnectorOutcome unlessPrivileged(
            String userId,
            String verb,
            ConnectorOutcome gone,
            BiFunction<UserResource, UserRepresentation, ConnectorOutcome> action) {
        UserResource user = users().get(userId);
        UserRepresentation account;
        try {
            account = user.toRepresentation();
        } catch (NotFoundException ex) {
            return gone;
        }
        Optional<String> privilege;
        try {
            privilege = this.privileged.privilege(keycloak().realm(this.realm), user, account);
        } catch (PrivilegedAccounts.UncheckableException ex) {
            return new ConnectorOutcome.Rejected("account not " + verb + ": " + ex.getMessage());
        }
        if (privilege.isPresent()) {
            return new ConnectorOutcome.Blocked("privileged account (" + privilege.get() + "): not " + verb
                    + " automatically; an administrator must remove the privilege or close the account by hand");
        }
        return action.apply(user, account);
    }

    private ConnectorOutcome deleteAccount(String userId) {
        try (Response response = users().delete(userId)) {
            int status = response.getStatus();
            if (status == 204 || status == 200) {
                return new ConnectorOutcome.Done("account deleted", null, Proof.deleted(1), List.of());
            }
            if (status == 404) {
                // Gone before this call: by an earlier attempt of this task (crash before recording) or otherwise.
                return new ConnectorOutcome.Done("account already gone", null, Proof.deleted(0), List.of());
            }
            return outcomeOf(status);
        }
    }

    /** Writes the whole account back changed, so no other field is touched; logs out on disable. */
    private ConnectorOutcome setEnabled(UserResource user, UserRepresentation account, boolean enabled) {
        if (!Boolean.valueOf(enabled).equals(account.isEnabled())) {
            account.setEnabled(enabled);
            user.update(account);
        }
        if (!enabled) {
            user.logout(); // ends every session; a disabled account cannot start new ones
            return new ConnectorOutcome.Done("account disabled, sessions ended", null);
        }
        return new ConnectorOutcome.Done("account enabled", null);
    }

    private UsersResource users() {
        return keycloak().realm(this.realm).users();
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
        // A DISABLE or ERASE makes up to five admin calls: token, account, realm roles, client roles, the change.
        return this.timeout.multipliedBy(4);
    }

    @Override
    public synchronized void close() {
        if (this.keycloak != null) {
            this.keycloak.close();
            this.keycloak = null;
        }
    }

    @Override
    public String toString() {
        return "KeycloakAccountConnector[" + this.systemId + ", realm " + this.realm + "]";
    }
}
