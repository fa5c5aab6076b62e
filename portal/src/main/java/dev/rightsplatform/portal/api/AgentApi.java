package dev.rightsplatform.portal.api;

import dev.rightsplatform.portal.PortalProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * rights-service's agent API (support agents and the privacy officer) as the console uses it, with the signed-in
 * agent's token. rights-service decides who may do what: a person's token gets its 403, which the console shows as
 * "not for you". Every action is audited there under the agent.
 */
@Component
public class AgentApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient agent;

    AgentApi(WebClient.Builder builder, PortalProperties properties, ReactiveOAuth2AuthorizedClientManager clients) {
        var tokens = new ServerOAuth2AuthorizedClientExchangeFilterFunction(clients);
        tokens.setDefaultClientRegistrationId(properties.registrationId());
        this.agent = builder.clone()
                .baseUrl(properties.apiUrl().toString())
                .filter(tokens)
                .build();
    }

    /** One page of the queue, by due date; {@code filter} holds only the query parameters rights-service knows. */
    public Mono<QueuePage> queue(CallContext call, QueueQuery filter) {
        return agent.get()
                .uri(uri -> {
                    var builder = uri.path("/api/v1/agent/requests");
                    filter.parameters().forEach(builder::queryParam);
                    return builder.build();
                })
                .headers(call::applyTo)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(QueuePage.class)
                .timeout(TIMEOUT);
    }

    /** The most recent alerts for agents, newest first (at most {@code limit}). */
    public Mono<List<AgentAlert>> alerts(CallContext call, int limit) {
        return agent.get()
                .uri(uri -> uri.path("/api/v1/agent/alerts")
                        .queryParam("limit", limit)
                        .build())
                .headers(call::applyTo)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(AgentAlert.Page.class)
                .map(AgentAlert.Page::items)
                .timeout(TIMEOUT);
    }

    public Mono<List<Note>> notes(CallContext call, UUID id) {
        return RightsApi.get(agent, call, "/api/v1/agent/requests/{id}/notes", id)
                .bodyToMono(new ParameterizedTypeReference<List<Note>>() {})
                .timeout(TIMEOUT);
    }

    /** Approve a request waiting for review; one verified by e-mail needs the account it belongs to. */
    public Mono<Request> approve(CallContext call, UUID id, @Nullable String accountId) {
        return act(
                call,
                "/api/v1/agent/requests/{id}/approve",
                accountId == null ? Map.of() : Map.of("accountId", accountId),
                id);
    }

    public Mono<Request> refuse(CallContext call, UUID id, String reason) {
        return act(call, "/api/v1/agent/requests/{id}/refuse", Map.of("reason", reason), id);
    }

    public Mono<Request> extend(CallContext call, UUID id, String reason) {
        return act(call, "/api/v1/agent/requests/{id}/extend", Map.of("reason", reason), id);
    }

    public Mono<Request> cancel(CallContext call, UUID id) {
        return act(call, "/api/v1/agent/requests/{id}/cancel", Map.of(), id);
    }

    public Mono<Request> retry(CallContext call, UUID id, UUID taskId) {
        return act(call, "/api/v1/agent/requests/{id}/tasks/{taskId}/retry", Map.of(), id, taskId);
    }

    /** A manual system's part confirmed by the agent, with a note saying what was done. */
    public Mono<Request> complete(CallContext call, UUID id, UUID taskId, String text) {
        return act(call, "/api/v1/agent/requests/{id}/tasks/{taskId}/complete", Map.of("text", text), id, taskId);
    }

    public Mono<Note> addNote(CallContext call, UUID id, String text) {
        return agent.post()
                .uri("/api/v1/agent/requests/{id}/notes", id)
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", text))
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(Note.class)
                .timeout(TIMEOUT);
    }

    private Mono<Request> act(CallContext call, String path, Map<String, String> body, Object... variables) {
        return agent.post()
                .uri(path, variables)
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(Request.class)
                .timeout(TIMEOUT);
    }
}
