package dev.rightsplatform.worker.connector.collection;

import dev.rightsplatform.worker.connector.ConnectorOutcome;
import dev.rightsplatform.worker.connector.keycloak.KeycloakProperties;
import dev.rightsplatform.worker.settings.InvalidSettingException;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access token the worker shows rights-service: the OAuth2 client-credentials grant of its own Keycloak client
 * (worker.keycloak.client-id and client-secret), kept until shortly before it expires. Nothing here blocks: callers
 * that come while a token is being fetched share that one request, and a failed fetch is not kept.
 */
@Component
public class ServiceTokens {

    /** A token is replaced this long before it expires (at most half its life), so none expires in flight. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final KeycloakProperties keycloak;

    private final URI tokenEndpoint;

    private final WebClient webClient;

    private final JsonMapper json;

    private final AtomicReference<Mono<AccessToken>> cached = new AtomicReference<>();

    public ServiceTokens(KeycloakProperties keycloak, JsonMapper json) {
        this.keycloak = keycloak;
        this.json = json;
        String server = keycloak.serverUrl().toString();
        this.tokenEndpoint = URI.create((server.endsWith("/") ? server : server + "/") + "realms/" + keycloak.realm()
                + "/protocol/openid-connect/token");
        HttpClient httpClient = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                Math.min(keycloak.timeout().toMillis(), Integer.MAX_VALUE));
        this.webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
        this.cached.set(newCache());
    }

    /**
     * Fails the start when the worker has no client secret to ask for tokens with.
     *
     * @param because which setting makes tokens necessary, for the message
     */
    public void requireCredentials(String because) {
        String secret = this.keycloak.clientSecret();
        if (secret == null || secret.isBlank()) {
            throw new InvalidSettingException(
                    "worker.keycloak.client-secret",
                    "is required when " + because
                            + " (the worker uploads collected parts to rights-service with a token of client '"
                            + this.keycloak.clientId() + "'; pass the secret through the environment)");
        }
    }

    /** A valid access token; fails with {@link TokenUnavailableException} when Keycloak gives none. */
    public Mono<String> token() {
        return this.cached.get().map(AccessToken::value);
    }

    /** Drops the kept token, after rights-service refused it: the next caller fetches a new one. */
    public void forget() {
        this.cached.set(newCache());
    }

    private Mono<AccessToken> newCache() {
        return Mono.defer(this::fetch).cache(AccessToken::keepFor, failure -> Duration.ZERO, () -> Duration.ZERO);
    }

    private Mono<AccessToken> fetch() {
        String secret = String.valueOf(this.keycloak.clientSecret());
        return this.webClient
                .post()
                .uri(this.tokenEndpoint)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                        .with("client_id", this.keycloak.clientId())
                        .with("client_secret", secret))
                .exchangeToMono(this::read)
                .timeout(this.keycloak.timeout())
                .onErrorMap(
                        failure -> !(failure instanceof TokenUnavailableException),
                        failure -> unavailable(new ConnectorOutcome.Retryable("could not get a token from Keycloak ("
                                + (failure instanceof TimeoutException
                                        ? "no answer within " + this.keycloak.timeout()
                                        : failure.getClass().getSimpleName())
                                + ")")));
    }

    private Mono<AccessToken> read(ClientResponse response) {
        int status = response.statusCode().value();
        if (!response.statusCode().is2xxSuccessful()) {
            boolean passing = status == 408 || status == 429 || status >= 500;
            String reason = "Keycloak refused the worker's client credentials (HTTP " + status + ")";
            return response.releaseBody()
                    .then(Mono.error(unavailable(
                            passing
                                    ? new ConnectorOutcome.Retryable(
                                            "Keycloak answered HTTP " + status + " to the token request")
                                    : new ConnectorOutcome.Rejected(reason))));
        }
        return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(this::accessToken);
    }

    private AccessToken accessToken(byte[] body) {
        JsonNode answer;
        try {
            answer = this.json.readTree(body);
        } catch (JacksonException ex) {
            throw unavailable(new ConnectorOutcome.Retryable("Keycloak's token answer is not JSON"));
        }
        JsonNode token = answer.path("access_token");
        JsonNode expiresIn = answer.path("expires_in");
        if (!token.isString()
                || token.stringValue().isBlank()
                || !expiresIn.isIntegralNumber()
                || !expiresIn.canConvertToLong()) {
            throw unavailable(
                    new ConnectorOutcome.Retryable("Keycloak's token answer has no access_token and" + " expires_in"));
        }
        return new AccessToken(token.stringValue(), Duration.ofSeconds(Math.max(0, expiresIn.longValue())));
    }

    private static TokenUnavailableException unavailable(ConnectorOutcome outcome) {
        return new TokenUnavailableException(outcome);
    }

    private record AccessToken(String value, Duration lifetime) {

        Duration keepFor() {
            Duration margin = MARGIN.compareTo(this.lifetime.dividedBy(2)) < 0 ? MARGIN : this.lifetime.dividedBy(2);
            return this.lifetime.minus(margin);
        }

        @Override
        public String toString() {
            return "AccessToken[lifetime=" + this.lifetime + "]"; // the token itself is a credential
        }
    }
}
