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

    /** One request as the queue shows it: with who holds it and the time left as its rule counts. */
    public Mono<Request> request(CallContext call, UUID id) {
        return RightsApi.get(agent, call, "/api/v1/agent/requests/{id}", id)
                .bodyToMono(Request.class)
                .timeout(TIMEOUT);
    }

    /** The agent takes the request; refused ({@code already-assigned}) while another agent holds it. */
    public Mono<Request> take(CallContext call, UUID id) {
        return act(call, "/api/v1/agent/requests/{id}/take", Map.of(), id);
    }

    public Mono<Request> release(CallContext call, UUID id) {
        return act(call, "/api/v1/agent/requests/{id}/release", Map.of(), id);
    }

    /** Gives the request to another agent, named by username. */
    public Mono<Request> assign(CallContext call, UUID id, String assignee) {
        return act(call, "/api/v1/agent/requests/{id}/assign", Map.of("assignee", assignee), id);
    }

    /** One action ({@code APPROVE}, {@code ASSIGN}) on a selection; {@code assignee} only for ASSIGN, null for "me". */
    public Mono<BulkResults> bulk(CallContext call, String action, List<UUID> requestIds, @Nullable String assignee) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("action", action);
        body.put("requestIds", requestIds);
        if (assignee != null) {
            body.put("assignee", assignee);
        }
        return agent.post()
                .uri("/api/v1/agent/requests/bulk")
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(BulkResults.class)
                .timeout(TIMEOUT);
    }

    /** The account of a person, by exact username or e-mail address (sent in the body, kept out of URLs). */
    public Mono<Subject> lookup(CallContext call, String usernameOrEmail) {
        return agent.post()
                .uri("/api/v1/agent/subjects/lookup")
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", usernameOrEmail))
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(Subject.class)
                .timeout(TIMEOUT);
    }

    public Mono<Subject> subject(CallContext call, String subjectId) {
        return RightsApi.get(agent, call, "/api/v1/agent/subjects/{id}", subjectId)
                .bodyToMono(Subject.class)
                .timeout(TIMEOUT);
    }

    /**
     * Opens a request for the person (by username), recorded with how the agent checked their identity and a note; the
     * request is the person's.
     */
    public Mono<Request> openOnBehalf(CallContext call, String subject, String type, String method, String note) {
        return agent.post()
                .uri("/api/v1/agent/requests")
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "subject", subject, "type", type, "verification", Map.of("method", method, "note", note)))
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(Request.class)
                .timeout(TIMEOUT);
    }

    /** The person's consents, titles in the caller's language. */
    public Mono<List<Consents.State>> consentsOf(CallContext call, String subjectId) {
        return RightsApi.get(agent, call, "/api/v1/agent/subjects/{id}/consents", subjectId)
                .bodyToMono(new ParameterizedTypeReference<List<Consents.State>>() {})
                .timeout(TIMEOUT);
    }

    /** Records a withdrawal the person asked for, with a note saying how they asked. */
    public Mono<Void> withdrawFor(CallContext call, String subjectId, String purpose, String note) {
        return agent.post()
                .uri("/api/v1/agent/subjects/{id}/consents/{purpose}/withdraw", subjectId, purpose)
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", note))
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .toBodilessEntity()
                .then()
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
