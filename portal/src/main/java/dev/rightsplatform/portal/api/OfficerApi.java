package dev.rightsplatform.portal.api;

import dev.rightsplatform.portal.PortalProperties;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * rights-service's privacy-officer API as the console's report pages use it, with the signed-in officer's token:
 * the compliance and CCPA reports (JSON to show, CSV or JSON to download) and the audit trail's check. rights-service
 * decides who may see them: anyone but the officer gets its 403.
 */
@Component
public class OfficerApi {

    /** A report over a large range or the check of every audit chain takes longer than one request's page. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern FILENAME = Pattern.compile("filename=\"([A-Za-z0-9._-]+)\"");

    private final WebClient officer;

    OfficerApi(WebClient.Builder builder, PortalProperties properties, ReactiveOAuth2AuthorizedClientManager clients) {
        var tokens = new ServerOAuth2AuthorizedClientExchangeFilterFunction(clients);
        tokens.setDefaultClientRegistrationId(properties.registrationId());
        this.officer = builder.clone()
                .baseUrl(properties.apiUrl().toString())
                .filter(tokens)
                .build();
    }

    /** {@code parameters}: only those the console checked (from, to, period, jurisdiction). */
    public Mono<OfficerReports.Compliance> compliance(CallContext call, Map<String, String> parameters) {
        return get(call, "/api/v1/officer/reports", parameters, MediaType.APPLICATION_JSON)
                .bodyToMono(OfficerReports.Compliance.class)
                .timeout(TIMEOUT);
    }

    public Mono<OfficerReports.Ccpa> ccpa(CallContext call, int year) {
        return get(
                        call,
                        "/api/v1/officer/reports/ccpa",
                        Map.of("year", String.valueOf(year)),
                        MediaType.APPLICATION_JSON)
                .bodyToMono(OfficerReports.Ccpa.class)
                .timeout(TIMEOUT);
    }

    /**
     * A report as a file: {@code path} is one of the two report paths, {@code csv} picks CSV over JSON; saved under
     * rights-service's file name (CSV), else {@code name}.
     */
    public Mono<OfficerReports.Download> download(
            CallContext call, String path, Map<String, String> parameters, boolean csv, String name) {
        return get(call, path, parameters, csv ? MediaType.parseMediaType("text/csv") : MediaType.APPLICATION_JSON)
                .toEntity(byte[].class)
                .map(entity -> new OfficerReports.Download(
                        entity.getBody() == null ? new byte[0] : entity.getBody(),
                        String.valueOf(entity.getHeaders().getContentType()),
                        filename(entity.getHeaders(), name)))
                .timeout(TIMEOUT);
    }

    public Mono<OfficerReports.AuditCheck> auditCheck(CallContext call) {
        return get(call, "/api/v1/audit/verification", Map.of(), MediaType.APPLICATION_JSON)
                .bodyToMono(OfficerReports.AuditCheck.class)
                .timeout(TIMEOUT);
    }

    private WebClient.ResponseSpec get(
            CallContext call, String path, Map<String, String> parameters, MediaType accept) {
        return officer.get()
                .uri(uri -> {
                    var builder = uri.path(path);
                    parameters.forEach(builder::queryParam);
                    return builder.build();
                })
                .headers(call::applyTo)
                .accept(accept)
                .retrieve()
                .onStatus(HttpStatusCode::isError, RightsApi::problem);
    }

    /** rights-service's file name when it is a plain one, else a fixed one: nothing else reaches the header. */
    private static String filename(HttpHeaders headers, String name) {
        var disposition = headers.getFirst(HttpHeaders.CONTENT_DISPOSITION);
        if (disposition != null) {
            var matcher = FILENAME.matcher(disposition);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return name;
    }
}
