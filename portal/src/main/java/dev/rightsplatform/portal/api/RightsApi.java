package dev.rightsplatform.portal.api;

import dev.rightsplatform.portal.PortalProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * rights-service's API as the portal uses it. Calls for a signed-in person carry their access token (from their
 * session, refreshed when it expired); public calls carry none. rights-service decides everything (ownership included):
 * the portal only shows its answers. A refusal arrives as {@link ApiProblem}.
 */
@Component
public class RightsApi {

    private static final ParameterizedTypeReference<Map<String, Object>> PROBLEM =
            new ParameterizedTypeReference<>() {};
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient personal;
    private final WebClient anonymous;

    RightsApi(WebClient.Builder builder, PortalProperties properties, ReactiveOAuth2AuthorizedClientManager clients) {
        var tokens = new ServerOAuth2AuthorizedClientExchangeFilterFunction(clients);
        tokens.setDefaultClientRegistrationId(properties.registrationId());
        var base = builder.clone().baseUrl(properties.apiUrl().toString());
        this.anonymous = base.clone().build();
        this.personal = base.clone().filter(tokens).build();
    }

    public Mono<List<Request>> myRequests(CallContext call) {
        return get(personal, call, "/api/v1/requests")
                .bodyToMono(new ParameterizedTypeReference<List<Request>>() {})
                .timeout(TIMEOUT);
    }

    public Mono<Request> request(CallContext call, UUID id) {
        return get(personal, call, "/api/v1/requests/{id}", id)
                .bodyToMono(Request.class)
                .timeout(TIMEOUT);
    }

    public Mono<List<AuditEntry>> audit(CallContext call, UUID id) {
        return get(personal, call, "/api/v1/requests/{id}/audit", id)
                .bodyToMono(new ParameterizedTypeReference<List<AuditEntry>>() {})
                .timeout(TIMEOUT);
    }

    /** A new request of this type; the key makes a second click (or a reload of the form's answer) harmless. */
    public Mono<Request> submit(CallContext call, String type, String idempotencyKey) {
        return personal.post()
                .uri("/api/v1/requests")
                .headers(call::applyTo)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", type))
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(Request.class)
                .timeout(TIMEOUT);
    }

    public Mono<Request> cancel(CallContext call, UUID id) {
        return post(personal, call, "/api/v1/requests/{id}/cancel", id)
                .bodyToMono(Request.class)
                .timeout(TIMEOUT);
    }

    /** A completed access request's data: {"systems":[{"systemId","categories":{name:[records]}}]}. */
    public Mono<JsonNode> data(CallContext call, UUID id) {
        return get(personal, call, "/api/v1/requests/{id}/data", id)
                .bodyToMono(JsonNode.class)
                .timeout(TIMEOUT);
    }

    public Mono<ExportLink> exportLink(CallContext call, UUID id) {
        return post(personal, call, "/api/v1/requests/{id}/export-link", id)
                .bodyToMono(ExportLink.class)
                .timeout(TIMEOUT);
    }

    /** The archive behind a link, streamed through (never held whole in memory). */
    public Mono<ResponseEntity<Flux<DataBuffer>>> download(CallContext call, String href) {
        return get(personal, call, href).toEntityFlux(DataBuffer.class);
    }

    /** The owner's signed receipt, exactly as issued (its bytes are what a verifier checks). */
    public Mono<String> receipt(CallContext call, UUID id) {
        return get(personal, call, "/api/v1/requests/{id}/receipt", id)
                .bodyToMono(String.class)
                .timeout(TIMEOUT);
    }

    /** A receipt by its capability token: public, since after a deregistration the account is gone. */
    public Mono<String> receiptByToken(CallContext call, String token) {
        return get(anonymous, call, "/api/v1/receipts/{token}", token)
                .bodyToMono(String.class)
                .timeout(TIMEOUT);
    }

    public Mono<List<Consents.Purpose>> purposes(CallContext call) {
        return get(anonymous, call, "/api/v1/consents/purposes")
                .bodyToMono(new ParameterizedTypeReference<List<Consents.Purpose>>() {})
                .timeout(TIMEOUT);
    }

    public Mono<List<Consents.State>> consents(CallContext call) {
        return get(personal, call, "/api/v1/consents")
                .bodyToMono(new ParameterizedTypeReference<List<Consents.State>>() {})
                .timeout(TIMEOUT);
    }

    public Mono<Consents.HistoryPage> consentHistory(CallContext call) {
        return get(personal, call, "/api/v1/consents/history?limit=50")
                .bodyToMono(Consents.HistoryPage.class)
                .timeout(TIMEOUT);
    }

    public Mono<Void> withdraw(CallContext call, String purpose) {
        return post(personal, call, "/api/v1/consents/{purpose}/withdraw", purpose)
                .toBodilessEntity()
                .then()
                .timeout(TIMEOUT);
    }

    public Mono<Void> grant(CallContext call, String purpose, String noticeVersion) {
        return personal.post()
                .uri("/api/v1/consents/{purpose}", purpose)
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("noticeVersion", noticeVersion))
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .toBodilessEntity()
                .then()
                .timeout(TIMEOUT);
    }

    public Mono<Deadline> deadline(CallContext call, String jurisdiction, String type) {
        return anonymous
                .get()
                .uri(uri -> uri.path("/api/v1/deadlines")
                        .queryParam("jurisdiction", jurisdiction)
                        .queryParam("type", type)
                        .build())
                .headers(call::applyTo)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(Deadline.class)
                .timeout(TIMEOUT);
    }

    public Mono<PublicRequest> submitWithoutAccount(
            CallContext call, String type, String email, @Nullable String jurisdiction) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", type);
        body.put("email", email);
        body.put("locale", call.locale().toLanguageTag());
        if (jurisdiction != null) {
            body.put("jurisdiction", jurisdiction);
        }
        return anonymous
                .post()
                .uri("/api/v1/public/requests")
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(PublicRequest.class)
                .timeout(TIMEOUT);
    }

    public Mono<PublicRequest> verify(CallContext call, UUID id, String code) {
        return anonymous
                .post()
                .uri("/api/v1/public/requests/{id}/verify", id)
                .headers(call::applyTo)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code))
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem)
                .bodyToMono(PublicRequest.class)
                .timeout(TIMEOUT);
    }

    public Mono<Void> resendCode(CallContext call, UUID id) {
        return post(anonymous, call, "/api/v1/public/requests/{id}/code", id)
                .toBodilessEntity()
                .then()
                .timeout(TIMEOUT);
    }

    static WebClient.ResponseSpec get(WebClient client, CallContext call, String path, Object... variables) {
        return client.get()
                .uri(path, variables)
                .headers(call::applyTo)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem);
    }

    static WebClient.ResponseSpec post(WebClient client, CallContext call, String path, Object... variables) {
        return client.post()
                .uri(path, variables)
                .headers(call::applyTo)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem);
    }

    static Mono<? extends Throwable> problem(ClientResponse response) {
        var status = response.statusCode().value();
        return response.bodyToMono(PROBLEM)
                .map(body -> new ApiProblem(
                        status, ApiProblem.codeOf((String) body.get("type"), status), (String) body.get("detail")))
                .onErrorResume(unreadable -> Mono.just(new ApiProblem(status, ApiProblem.codeOf(null, status), null)))
                .defaultIfEmpty(new ApiProblem(status, ApiProblem.codeOf(null, status), null));
    }
}
