package dev.rightsplatform.rights.security;

import dev.rightsplatform.rights.web.ApiException;
import dev.rightsplatform.rights.web.ProblemType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accounts of realm {@code rights} as Keycloak's admin API reads them (see {@link DirectoryProperties}): a person an
 * agent acts for, found by exact username or e-mail address, and the agents a request can be assigned to. Nothing is
 * cached but the service token; no personal data is logged.
 */
@Component
public class AccountDirectory {

    /** An account: its id (the {@code sub} of its tokens), username, where and how to reach it, and its realm roles. */
    public record Account(
            String id,
            String username,
            @Nullable String email,
            String locale,
            @Nullable String jurisdiction,
            boolean enabled,
            Set<String> roles) {

        public boolean has(Role role) {
            return roles.contains(role.realmRole());
        }

        public boolean isAgent() {
            return has(Role.SUPPORT_AGENT) || has(Role.PRIVACY_OFFICER);
        }
    }

    private record Token(String value, Instant expiresAt) {}

    private final DirectoryProperties properties;
    private final JsonMapper json;
    private final WebClient http;
    private final AtomicReference<@Nullable Token> token = new AtomicReference<>();

    AccountDirectory(DirectoryProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = WebClient.builder().build();
    }

    /**
     * The account whose username or e-mail address is exactly {@code usernameOrEmail} (case-insensitive, as Keycloak
     * stores both in lower case), or empty.
     */
    public Mono<Account> find(String usernameOrEmail) {
        var wanted = usernameOrEmail.trim();
        var field = wanted.contains("@") ? "email" : "username";
        return users(Map.of(field, wanted, "exact", "true"))
                .flatMap(found -> found.isEmpty() ? Mono.empty() : withRoles(found.get(0)));
    }

    /** The account with this id (the {@code sub} of its tokens), or empty. */
    public Mono<Account> byId(String id) {
        return get(admin("/users/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)))
                .flatMap(this::withRoles)
                .onErrorResume(
                        e -> e instanceof ApiException api
                                && api.getCause() instanceof WebClientResponseException.NotFound,
                        e -> Mono.empty());
    }

    /** The agent (support agent or privacy officer) with this username, or empty when there is none. */
    public Mono<Account> agent(String username) {
        return users(Map.of("username", username.trim(), "exact", "true"))
                .flatMap(found -> found.isEmpty() ? Mono.empty() : withRoles(found.get(0)))
                .filter(account -> account.enabled() && account.isAgent());
    }

    private Mono<List<JsonNode>> users(Map<String, String> query) {
        var uri = UriComponentsBuilder.fromUri(admin("/users"));
        query.forEach(uri::queryParam);
        return get(uri.encode().build().toUri()).map(body -> {
            var list = new ArrayList<JsonNode>();
            body.forEach(list::add);
            return list;
        });
    }

    private Mono<Account> withRoles(JsonNode user) {
        var id = user.path("id").asString();
        return get(admin("/users/" + id + "/role-mappings/realm/composite")).map(roles -> {
            var names = new java.util.HashSet<String>();
            roles.forEach(role -> names.add(role.path("name").asString()));
            var attributes = user.path("attributes");
            return new Account(
                    id,
                    user.path("username").asString(),
                    text(user.path("email")),
                    Caller.supportedLocale(first(attributes, "locale")),
                    first(attributes, "jurisdiction"),
                    user.path("enabled").asBoolean(false),
                    Set.copyOf(names));
        });
    }

    private Mono<JsonNode> get(URI uri) {
        return serviceToken()
                .flatMap(bearer -> http.get()
                        .uri(uri)
                        .headers(h -> h.setBearerAuth(bearer))
                        .accept(MediaType.APPLICATION_JSON)
                        .retrieve()
                        .bodyToMono(String.class))
                .map(json::readTree)
                .timeout(properties.timeout())
                .onErrorMap(e -> !(e instanceof ApiException), AccountDirectory::unavailable);
    }

    private Mono<String> serviceToken() {
        if (!properties.configured()) {
            return Mono.error(new ApiException(
                    ProblemType.DIRECTORY_UNAVAILABLE,
                    "Looking up accounts is not configured here (rights.directory.client-secret)."));
        }
        var kept = token.get();
        if (kept != null && Instant.now().isBefore(kept.expiresAt())) {
            return Mono.just(kept.value());
        }
        var endpoint = base() + "/realms/" + properties.realm() + "/protocol/openid-connect/token";
        return http.post()
                .uri(endpoint)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                        .with("client_id", properties.clientId())
                        .with("client_secret", properties.clientSecret()))
                .retrieve()
                .bodyToMono(String.class)
                .map(body -> {
                    var answer = json.readTree(body);
                    // replaced half a minute early (at most half its life) so that none expires in flight
                    var life = Duration.ofSeconds(answer.path("expires_in").asLong(60));
                    var margin = life.dividedBy(2).compareTo(Duration.ofSeconds(30)) < 0
                            ? life.dividedBy(2)
                            : Duration.ofSeconds(30);
                    var fresh = new Token(
                            answer.path("access_token").asString(),
                            Instant.now().plus(life).minus(margin));
                    token.set(fresh);
                    return fresh.value();
                });
    }

    private URI admin(String path) {
        return URI.create(base() + "/admin/realms/" + properties.realm() + path);
    }

    private String base() {
        var server = properties.serverUrl().toString();
        return server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    }

    private static ApiException unavailable(Throwable cause) {
        var status = cause instanceof WebClientResponseException response
                ? " (HTTP " + response.getStatusCode().value() + ")"
                : "";
        var problem = new ApiException(
                ProblemType.DIRECTORY_UNAVAILABLE, "The account directory (Keycloak) did not answer" + status + ".");
        problem.initCause(cause);
        return problem;
    }

    private static @Nullable String first(JsonNode attributes, String name) {
        var values = attributes.path(name);
        return values.isArray() && !values.isEmpty() ? text(values.get(0)) : null;
    }

    private static @Nullable String text(JsonNode node) {
        return node.isString() && !node.asString().isBlank() ? node.asString() : null;
    }
}
