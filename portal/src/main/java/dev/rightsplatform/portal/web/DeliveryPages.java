package dev.rightsplatform.portal.web;

import dev.rightsplatform.portal.api.RightsApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What a completed request delivers: the access result as tables, the export archive, the signed receipt. The export
 * link rights-service issues stays in the session (it works only with the owner's token anyway); the archive and the
 * receipt are streamed through as rights-service sends them.
 */
@Controller
class DeliveryPages {

    private final RightsApi api;

    DeliveryPages(RightsApi api) {
        this.api = api;
    }

    @GetMapping("/requests/{id:[0-9a-fA-F-]{36}}/data")
    Mono<Rendering> data(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        return api.data(Pages.call(exchange), requestId)
                .map(data -> Rendering.view("data")
                        .modelAttribute("requestId", requestId)
                        .modelAttribute("systems", SystemData.of(data))
                        .build());
    }

    @PostMapping("/requests/{id:[0-9a-fA-F-]{36}}/export")
    Mono<Rendering> makeLink(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        return api.exportLink(Pages.call(exchange), requestId)
                .flatMap(link -> exchange.getSession()
                        .doOnNext(
                                session -> session.getAttributes().put(RequestPages.ExportLinks.key(requestId), link)))
                .thenReturn(Rendering.redirectTo("/requests/" + requestId + "#export")
                        .build());
    }

    @GetMapping("/requests/{id:[0-9a-fA-F-]{36}}/export/download")
    Mono<ResponseEntity<Flux<DataBuffer>>> download(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        return exchange.getSession()
                .mapNotNull(session -> RequestPages.ExportLinks.current(session, requestId, Instant.now())
                        .orElse(null))
                .flatMap(link -> api.download(Pages.call(exchange), link.href()))
                .map(archive -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("application/zip"))
                        .headers(headers -> {
                            headers.setContentDisposition(ContentDisposition.attachment()
                                    .filename("export-" + requestId + ".zip")
                                    .build());
                            copy(archive.getHeaders(), headers, HttpHeaders.CONTENT_LENGTH);
                            copy(archive.getHeaders(), headers, "X-Archive-SHA256");
                        })
                        .body(archive.getBody()))
                // no link, or it expired: back to the request, where a new one can be made
                .switchIfEmpty(Mono.just(ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(java.net.URI.create("/requests/" + requestId + "?link-expired#export"))
                        .<Flux<DataBuffer>>build()));
    }

    @GetMapping("/requests/{id:[0-9a-fA-F-]{36}}/receipt")
    Mono<ResponseEntity<String>> receipt(ServerWebExchange exchange, @PathVariable String id) {
        var requestId = Pages.requestId(id);
        return api.receipt(Pages.call(exchange), requestId).map(body -> receiptFile(requestId, body));
    }

    static ResponseEntity<String> receiptFile(UUID requestId, String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("receipt-" + requestId + ".json")
                                .build()
                                .toString())
                .body(body);
    }

    private static void copy(HttpHeaders from, HttpHeaders to, String name) {
        var value = from.getFirst(name);
        if (value != null) {
            to.set(name, value);
        }
    }

    /** One system's data as tables: a table per category, its columns the union of its records' fields. */
    record SystemData(String systemId, List<Category> categories) {

        static List<SystemData> of(JsonNode data) {
            var systems = new ArrayList<SystemData>();
            for (var system : data.path("systems")) {
                var categories = new ArrayList<Category>();
                for (var entry : system.path("categories").properties()) {
                    categories.add(Category.of(entry.getKey(), entry.getValue()));
                }
                systems.add(new SystemData(system.path("systemId").asString(""), categories));
            }
            return systems;
        }
    }

    record Category(String name, List<String> columns, List<List<String>> rows) {

        static Category of(String name, JsonNode records) {
            var columns = new LinkedHashSet<String>();
            for (var record : records) {
                if (record.isObject()) {
                    record.propertyNames().forEach(columns::add);
                } else {
                    columns.add("value");
                }
            }
            var rows = new ArrayList<List<String>>();
            for (var record : records) {
                var row = new ArrayList<String>();
                for (var column : columns) {
                    var value = record.isObject() ? record.get(column) : ("value".equals(column) ? record : null);
                    row.add(
                            value == null || value.isNull()
                                    ? ""
                                    : value.isValueNode() ? value.asString() : value.toString());
                }
                rows.add(row);
            }
            return new Category(name, List.copyOf(columns), rows);
        }
    }
}
